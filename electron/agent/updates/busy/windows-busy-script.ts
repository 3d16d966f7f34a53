/**
 * The script the busy source runs in the PowerShell host (platform/powershell-host.ts); it prints
 * the document busy/windows-busy.ts documents. Read-only and quick. `Add-Type` compiles the
 * P/Invoke class once per host process (the `-as [type]` test), not once per call: the host is
 * long-lived, and a compile costs about a second.
 */
export const WINDOWS_BUSY_SCRIPT = String.raw`
$doc = [ordered]@{ schema = 1; quns = $null; qunsError = $null; focusAssist = $null; focusAssistError = $null; microphone = @() }
try {
  if (-not ('HalloBusy' -as [type])) {
    Add-Type -TypeDefinition @'
using System;
using System.Runtime.InteropServices;
public static class HalloBusy {
  [DllImport("shell32.dll")]
  public static extern int SHQueryUserNotificationState(out int state);
  [DllImport("ntdll.dll")]
  static extern int NtQueryWnfStateData(ref ulong stateName, IntPtr typeId, IntPtr explicitScope, out uint changeStamp, byte[] buffer, ref uint bufferSize);
  // WNF_SHEL_QUIETHOURS_ACTIVE_PROFILE_CHANGED: Focus Assist's profile (undocumented; Windows 10 1803+).
  public static int FocusAssist() {
    ulong name = 0x0D83063EA3BF1C75UL;
    byte[] buffer = new byte[4];
    uint size = 4;
    uint stamp;
    if (NtQueryWnfStateData(ref name, IntPtr.Zero, IntPtr.Zero, out stamp, buffer, ref size) != 0) return -1;
    return size < 4 ? 0 : BitConverter.ToInt32(buffer, 0);
  }
}
'@
  }
  $state = 0
  $hr = [HalloBusy]::SHQueryUserNotificationState([ref]$state)
  if ($hr -eq 0) { $doc.quns = $state } else { $doc.qunsError = ('HRESULT 0x{0:X8}' -f $hr) }
  $profile = [HalloBusy]::FocusAssist()
  if ($profile -ge 0) { $doc.focusAssist = $profile } else { $doc.focusAssistError = 'NtQueryWnfStateData failed' }
} catch { $doc.qunsError = $_.Exception.Message }
$store = 'HKCU:\Software\Microsoft\Windows\CurrentVersion\CapabilityAccessManager\ConsentStore\microphone'
$doc.microphone = @(Get-ChildItem -LiteralPath $store -Recurse -ErrorAction SilentlyContinue | ForEach-Object {
  $stop = $_.GetValue('LastUsedTimeStop'); $start = $_.GetValue('LastUsedTimeStart')
  if ($null -ne $stop -and [long]$stop -eq 0 -and $null -ne $start -and [long]$start -gt 0) { [string]$_.PSChildName }
})
ConvertTo-Json -InputObject $doc -Depth 3 -Compress
`;
