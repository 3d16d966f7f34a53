// How the update task's two helpers hand a script to Windows PowerShell 5.1 (by full path,
// never through a shell: powershell-host.ts windowsPowerShellPath): one way to quote, one way
// to call.

/** PowerShell's single-quoted string: nothing inside is interpreted, a quote is doubled. */
export const psQuoted = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The arguments that run `script` once: no profile, no prompt, no input, the script as given. */
export const powershellArgs = (script: string) => ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-InputFormat', 'None', '-Command', script];
