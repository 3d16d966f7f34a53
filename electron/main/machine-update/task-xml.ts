// The two tasks the installer registers (register.ts), as Task Scheduler XML (schema 1.2,
// Windows 7 and later; its elements may come in any order, these are in the order Windows exports).
// Who may run them is not here: RegisterTask's sddl argument sets it (register.ts).

const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** BUILTIN\Users: the start task runs in the session of each logged-on member. */
const USERS_SID = 'S-1-5-32-545';
const SYSTEM_SID = 'S-1-5-18';

interface TaskParts {
  description: string;
  triggers: string;
  principal: string;
  executionTimeLimit: string;
  instances: 'IgnoreNew' | 'Parallel';
  exe: string;
  args: string;
}

function taskXml(p: TaskParts): string {
  return `<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Author>hallo,</Author>
    <Description>${xmlText(p.description)}</Description>
  </RegistrationInfo>
  <Triggers>${p.triggers}</Triggers>
  <Principals>
    <Principal id="Author">
${p.principal}
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>${p.instances}</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <AllowHardTerminate>true</AllowHardTerminate>
    <StartWhenAvailable>false</StartWhenAvailable>
    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>
    <IdleSettings>
      <StopOnIdleEnd>false</StopOnIdleEnd>
      <RestartOnIdle>false</RestartOnIdle>
    </IdleSettings>
    <AllowStartOnDemand>true</AllowStartOnDemand>
    <Enabled>true</Enabled>
    <Hidden>false</Hidden>
    <RunOnlyIfIdle>false</RunOnlyIfIdle>
    <WakeToRun>false</WakeToRun>
    <ExecutionTimeLimit>${p.executionTimeLimit}</ExecutionTimeLimit>
    <Priority>7</Priority>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>"${xmlText(p.exe)}"</Command>
      <Arguments>${xmlText(p.args)}</Arguments>
    </Exec>
  </Actions>
</Task>
`;
}

/**
 * SYSTEM runs `<exe> --apply-update` when a user's agent asks (schtasks /run), at every startup
 * and at every logon: an update left for "with the restart" is installed then, as Windows gives a
 * shutting-down app no moment to start it.
 */
export function updateTaskXml(exe: string, args: string): string {
  return taskXml({
    description: 'Installs a downloaded update of hallo, agent once Windows has confirmed it is signed by hallo, and newer.',
    // At startup, and at each logon: after "Shut down" with Windows' fast startup the PC resumes
    // from hibernation and no boot trigger fires.
    triggers: `
    <BootTrigger>
      <Enabled>true</Enabled>
    </BootTrigger>
    <LogonTrigger>
      <Enabled>true</Enabled>
    </LogonTrigger>
  `,
    principal: `      <UserId>${SYSTEM_SID}</UserId>
      <RunLevel>HighestAvailable</RunLevel>`,
    // Only for the startup run: Windows does not apply it to a run on demand.
    executionTimeLimit: 'PT30M',
    // One install at a time: a second agent's request while one runs is not needed.
    instances: 'IgnoreNew',
    exe,
    args,
  });
}

/** Each logged-on user's agent, started again by the installer after an update (no trigger: on demand only). */
export function startTaskXml(exe: string): string {
  return taskXml({
    description: 'Starts hallo, agent again for the users who are logged on, after it was updated.',
    triggers: '',
    principal: `      <GroupId>${USERS_SID}</GroupId>
      <RunLevel>LeastPrivilege</RunLevel>`,
    // The agent runs for as long as the user is logged on.
    executionTimeLimit: 'PT0S',
    // One per logged-on user.
    instances: 'Parallel',
    exe,
    args: '',
  });
}
