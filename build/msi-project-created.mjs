// electron-builder's msiProjectCreated hook (electron-builder.yml): adds to the MSI's WiX project,
// after electron-builder wrote it from its template and before WiX compiles it, what the NSIS
// installer does in build/installer.nsh, so that Intune and Group Policy get the same installer:
//
//   msiexec /i hallo-agent-<version>-x64.msi /qn APIURL="https://agent.hallo.eu/v1" ENROLLMENTCODE=ABCD-1234-EF
//
// - APIURL and ENROLLMENTCODE become registry values under HKLM\SOFTWARE\Policies\hallo\agent
//   (ApiUrl, EnrollmentCode): the place Group Policy and Intune admins already manage, which the
//   agent reads after config.json (electron/agent/config/managed-sources.ts). A registry value
//   needs no escaping (a JSON file written by Windows Installer would need a custom action), and
//   each value is written only when its property is given, so that other values (set by a GPO)
//   are never touched. Permanent: an update or repair without the properties, and an uninstall,
//   keep them (as the NSIS installer keeps config.json).
// - Launch conditions refuse, before anything is installed, one property without the other and an
//   APIURL that is not https (msiexec exits 1603 with the message in its log). The agent checks
//   both values again when it reads them and shows what it refuses in the admin view.
// - Start at login for every user: HKLM Run and the marker file the shell looks for
//   (electron/main/login.ts), as build/installer.nsh writes them; removed on uninstall.
// tests/packaging/msi-config.test.ts runs this on the project electron-builder's MsiTarget writes.
import { readFile, writeFile } from 'node:fs/promises';

export const POLICY_KEY = String.raw`SOFTWARE\Policies\hallo\agent`;
const RUN_KEY = String.raw`Software\Microsoft\Windows\CurrentVersion\Run`;

/** Fixed component GUIDs: Windows Installer tracks a component by its GUID across versions. */
const GUIDS = {
  apiUrl: '{4E3FC361-38F4-409A-9813-97BB846419C2}',
  enrollmentCode: '{931EA08E-0A64-41A9-A5E3-38AD9F9D37FC}',
  autostart: '{2514161C-390F-4A65-A30D-070C3BB920B6}',
};

/** One spot of the template this edits; a template that lacks it stops the build, never a silent MSI without it. */
function find(wxs, pattern, what) {
  const match = pattern.exec(wxs);
  if (!match) throw new Error(`msi-project-created: electron-builder's WiX project has no ${what}; see build/msi-project-created.mjs`);
  return match;
}

export function withManagedConfig(wxs) {
  if (wxs.includes('halloPolicyApiUrl')) throw new Error('msi-project-created: already applied');
  const resources = find(wxs, /<Directory Id="([^"]+)" Name="APPLICATIONFOLDER:\\resources\\"\/>/, 'resources folder')[1];
  find(wxs, /<File [^>]*Id="mainExecutable"/, 'main executable');
  const featureRefs = find(wxs, /<ComponentGroupRef Id="ProductComponents"\/>/, 'ProductFeature');
  const end = find(wxs, /\n(\s*)<\/Product>/, '</Product>');

  const policyValue = (id, property, name) => `
      <Component Id="${id}" Guid="${GUIDS[id === 'halloPolicyApiUrl' ? 'apiUrl' : 'enrollmentCode']}" Permanent="yes">
        <Condition>${property}</Condition>
        <RegistryValue Root="HKLM" Key="${POLICY_KEY}" Name="${name}" Type="string" Value="[${property}]" KeyPath="yes"/>
      </Component>`;
  const block = `
    <!-- hallo, agent: the managed configuration and start at login (build/msi-project-created.mjs) -->
    <Property Id="APIURL" Secure="yes"/>
    <Property Id="ENROLLMENTCODE" Secure="yes"/>
    <Condition Message="hallo, agent: APIURL and ENROLLMENTCODE go together: give both or neither."><![CDATA[Installed OR (APIURL AND ENROLLMENTCODE) OR (NOT APIURL AND NOT ENROLLMENTCODE)]]></Condition>
    <Condition Message="hallo, agent: APIURL must be an https URL, e.g. APIURL=&quot;https://agent.hallo.eu/v1&quot;."><![CDATA[Installed OR NOT APIURL OR APIURL << "https://"]]></Condition>
    <DirectoryRef Id="APPLICATIONFOLDER">${policyValue('halloPolicyApiUrl', 'APIURL', 'ApiUrl')}${policyValue('halloPolicyEnrollmentCode', 'ENROLLMENTCODE', 'EnrollmentCode')}
      <Component Id="halloMachineAutostart" Guid="${GUIDS.autostart}">
        <RegistryValue Root="HKLM" Key="${RUN_KEY}" Name="hallo agent" Type="string" Value="&quot;[#mainExecutable]&quot;" KeyPath="yes"/>
        <IniFile Id="halloMachineAutostartMarker" Action="addLine" Directory="${resources}" Name="machine-autostart" Section="HKLM" Key="Run" Value="hallo agent"/>
      </Component>
    </DirectoryRef>`;
  const refs = ['halloPolicyApiUrl', 'halloPolicyEnrollmentCode', 'halloMachineAutostart'].map((id) => `\n      <ComponentRef Id="${id}"/>`).join('');
  const withRefs = wxs.slice(0, featureRefs.index + featureRefs[0].length) + refs + wxs.slice(featureRefs.index + featureRefs[0].length);
  const at = withRefs.lastIndexOf(end[0]);
  return withRefs.slice(0, at) + block + withRefs.slice(at);
}

export async function msiProjectCreated(projectFile) {
  await writeFile(projectFile, withManagedConfig(await readFile(projectFile, 'utf8')));
}
