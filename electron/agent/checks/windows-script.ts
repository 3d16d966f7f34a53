import type { ProbeName } from '../../contract';

/*
 * The one script the Windows checks run in the agent's PowerShell host (platform/powershell-host.ts,
 * shared with the updates). Read-only; no admin rights needed (BitLocker's WMI class is asked only
 * when the user happens to be elevated). It prints ONE JSON document, read by sources/windows.ts:
 *
 * {
 *   "schema": 1,
 *   "parts": {                                   // only the parts asked for (windowsChecksScript(parts))
 *     "<part>": { "value": <below>, "ms": 812 }  // the part answered within its deadline
 *             | { "error": "timeout" | "denied" | "failed", "detail": "<code> <message>", "ms": 20000 }
 *   }
 * }
 *
 * The parts and their values (`detail` of a failure starts with the CIM NativeErrorCode or the
 * HRESULT, never translated: `InvalidNamespace …` on Windows Server, which has no Security Center):
 *   securitycenter-av   [ { displayName, productState, pathToSignedProductExe, timestamp } ]
 *                       Get-CimInstance root/SecurityCenter2 AntiVirusProduct; [] when none is registered
 *   mp-computer-status  { AMRunningMode, AntivirusEnabled, RealTimeProtectionEnabled, AntivirusSignatureAge,
 *                         AntivirusSignatureLastUpdated, QuickScanEndTime, FullScanEndTime, … } (dates ISO 8601 UTC)
 *   firewall-profile    [ { Name: "Domain", Enabled: "True" | "False" } ]
 *                       Get-NetFirewallProfile -PolicyStore ActiveStore: the values in effect, Group Policy
 *                       merged in (the default store says NotConfigured for what Group Policy sets)
 *   bitlocker           { systemDrive: "C:", shellProtection: 1 | null, volumes: [ { DriveLetter, ProtectionStatus,
 *                         ConversionStatus, EncryptionPercentage } ] | null, volumesError: "<why not>" | null }
 *                       shellProtection: the Explorer's System.Volume.BitLockerProtection of the system drive,
 *                       which any user may read (values in parse/bitlocker.ts); volumes: Win32_EncryptableVolume
 *                       with GetConversionStatus, only when elevated (it needs admin rights)
 *   w32tm-status        "<the text of w32tm /query /status /verbose, as printed>" (stdout, then stderr)
 *   c2r-config          { VersionToReport, ClientVersionToReport, UpdateChannel, CDNBaseUrl, Platform } | null
 *                       HKLM\SOFTWARE\Microsoft\Office\ClickToRun\Configuration; null: not installed
 *   temp-size           { user: <size>, system: <size> } with <size> = { path, bytes, files, denied, truncated,
 *                         readable, link }: files only, reparse points (links, junctions) neither followed nor
 *                         counted, stopped at its budget or 500 000 entries (truncated)
 *
 * EVERY PART IS BOUNDED ON ITS OWN: each runs in its own runspace of a pool (BeginInvoke), and the
 * script waits for each only until that part's deadline (PART_DEADLINE_MS). A part still running
 * then (a hung WMI provider, a stuck COM call) is asked to stop without waiting for it and reported
 * as `timeout`; the others still answer. A part that hangs in a way no runspace can bound (the
 * process itself stuck) makes the whole call time out: the source then asks again part by part.
 */

/** The parts of the script, one per probe. */
export const WINDOWS_PARTS = [
  'securitycenter-av',
  'mp-computer-status',
  'firewall-profile',
  'bitlocker',
  'w32tm-status',
  'c2r-config',
  'temp-size',
] as const satisfies readonly ProbeName[];
export type WindowsPart = (typeof WINDOWS_PARTS)[number];

/**
 * How long each part may take. A CIM query answers in well under a second; Get-MpComputerStatus
 * takes a few seconds on a busy PC; temp-size measures two folders with a budget of 8 s each.
 */
export const PART_DEADLINE_MS: Readonly<Record<WindowsPart, number>> = {
  'securitycenter-av': 15_000,
  'mp-computer-status': 20_000,
  'firewall-profile': 15_000,
  bitlocker: 20_000,
  'w32tm-status': 15_000,
  'c2r-config': 5_000,
  'temp-size': 20_000,
};

/** Opening the runspace pool and writing the JSON, beyond the longest part: the host's bound for a whole call. */
export const SCRIPT_OVERHEAD_MS = 15_000;

// Each part's code, run in a runspace of its own: it sees nothing of the main script, so each is
// whole (the prelude below is put before each). Its output is the part's value.
const PART_CODE: Readonly<Record<WindowsPart, string>> = {
  'securitycenter-av': String.raw`
@(Get-CimInstance -Namespace 'root/SecurityCenter2' -ClassName AntiVirusProduct -OperationTimeoutSec 15 | ForEach-Object {
  [ordered]@{ displayName = [string]$_.displayName; productState = [int64]$_.productState; pathToSignedProductExe = [string]$_.pathToSignedProductExe; timestamp = [string]$_.timestamp }
})`,
  'mp-computer-status': String.raw`
$s = Get-MpComputerStatus
$v = [ordered]@{}
foreach ($n in 'AMRunningMode','AMServiceEnabled','AntivirusEnabled','AntispywareEnabled','RealTimeProtectionEnabled','IsTamperProtected',
  'AntivirusSignatureAge','AntivirusSignatureVersion','AntivirusSignatureLastUpdated','DefenderSignaturesOutOfDate',
  'QuickScanAge','QuickScanEndTime','FullScanAge','FullScanEndTime','ComputerState') {
  $x = $s.$n
  if ($x -is [datetime]) { $x = $x.ToUniversalTime().ToString('o') }
  $v[$n] = $x
}
$v`,
  'firewall-profile': String.raw`
@(Get-NetFirewallProfile -PolicyStore ActiveStore | ForEach-Object { [ordered]@{ Name = [string]$_.Name; Enabled = [string]$_.Enabled } })`,
  bitlocker: String.raw`
$drive = $env:SystemDrive
$shell = $null
try { $shell = (New-Object -ComObject Shell.Application).NameSpace($drive).Self.ExtendedProperty('System.Volume.BitLockerProtection') } catch { }
$volumes = $null
$volumesError = 'not elevated: Win32_EncryptableVolume needs admin rights'
$me = [Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()
if ($me.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
  try {
    $volumes = @(Get-CimInstance -Namespace 'root/CIMV2/Security/MicrosoftVolumeEncryption' -ClassName Win32_EncryptableVolume -Filter "DriveLetter='$drive'" -OperationTimeoutSec 15 | ForEach-Object {
      $c = Invoke-CimMethod -InputObject $_ -MethodName GetConversionStatus -OperationTimeoutSec 15
      [ordered]@{ DriveLetter = [string]$_.DriveLetter; ProtectionStatus = [int]$_.ProtectionStatus; ConversionStatus = [int]$c.ConversionStatus; EncryptionPercentage = [int]$c.EncryptionPercentage }
    })
    $volumesError = $null
  } catch { $volumesError = $_.Exception.Message }
}
[ordered]@{ systemDrive = $drive; shellProtection = $(if ($null -ne $shell -and "$shell" -ne '') { [int]$shell } else { $null }); volumes = $volumes; volumesError = $volumesError }`,
  'w32tm-status': String.raw`
# Started directly (full path, no shell) and bounded; its bytes are UTF-8 when the console's code
# page says so, else the OEM code page w32tm writes in (Linuxfabrik's recordings: cp850).
$info = New-Object Diagnostics.ProcessStartInfo (Join-Path $env:SystemRoot 'System32\w32tm.exe'), '/query /status /verbose'
$info.UseShellExecute = $false; $info.CreateNoWindow = $true
$info.RedirectStandardOutput = $true; $info.RedirectStandardError = $true
$p = [Diagnostics.Process]::Start($info)
$out = New-Object IO.MemoryStream; $err = New-Object IO.MemoryStream
$reading = @($p.StandardOutput.BaseStream.CopyToAsync($out), $p.StandardError.BaseStream.CopyToAsync($err))
if (-not $p.WaitForExit(10000)) { try { $p.Kill() } catch { }; throw 'w32tm did not answer within 10 s' }
[void][Threading.Tasks.Task]::WaitAll($reading, 2000)
$strict = New-Object Text.UTF8Encoding $false, $true
$oem = [Text.Encoding]::GetEncoding([Globalization.CultureInfo]::CurrentCulture.TextInfo.OEMCodePage)
$text = foreach ($bytes in $out.ToArray(), $err.ToArray()) { try { $strict.GetString($bytes) } catch { $oem.GetString($bytes) } }
-join $text`,
  'c2r-config': String.raw`
$key = 'HKLM:\SOFTWARE\Microsoft\Office\ClickToRun\Configuration'
if (Test-Path -LiteralPath $key) {
  $c = Get-ItemProperty -LiteralPath $key
  [ordered]@{ VersionToReport = $c.VersionToReport; ClientVersionToReport = $c.ClientVersionToReport; UpdateChannel = $c.UpdateChannel; CDNBaseUrl = $c.CDNBaseUrl; Platform = $c.Platform }
}`,
  'temp-size': String.raw`
function Measure-Temp($root, $budgetMs) {
  $clock = [Diagnostics.Stopwatch]::StartNew()
  $size = [ordered]@{ path = $root; bytes = [int64]0; files = 0; denied = 0; truncated = $false; readable = $true; link = $false }
  $top = New-Object IO.DirectoryInfo $root
  if (-not $top.Exists) { return $size }
  if ($top.Attributes -band [IO.FileAttributes]::ReparsePoint) { $size.link = $true; return $size }
  $stack = New-Object 'Collections.Generic.Stack[IO.DirectoryInfo]'
  $stack.Push($top)
  while ($stack.Count -gt 0) {
    if ($clock.ElapsedMilliseconds -gt $budgetMs -or $size.files -ge 500000) { $size.truncated = $true; break }
    $dir = $stack.Pop()
    try { $entries = $dir.GetFileSystemInfos() } catch { $size.denied++; if ($dir -eq $top) { $size.readable = $false }; continue }
    foreach ($entry in $entries) {
      # A link or junction: neither followed nor counted (its target is not this folder's).
      if ($entry.Attributes -band [IO.FileAttributes]::ReparsePoint) { continue }
      if ($entry -is [IO.DirectoryInfo]) { $stack.Push($entry) } else { $size.bytes += $entry.Length; $size.files++ }
    }
  }
  $size
}
[ordered]@{ user = Measure-Temp ([IO.Path]::GetTempPath()) 8000; system = Measure-Temp (Join-Path $env:SystemRoot 'Temp') 8000 }`,
};

// The parts whose value is a list: their output objects are kept as an array, even of one or none.
const LIST_PARTS: readonly WindowsPart[] = ['securitycenter-av', 'firewall-profile'];

const quoted = (names: readonly string[]) => names.map((name) => `'${name}'`).join(', ');

const MAIN = String.raw`
$prelude = '$ErrorActionPreference = ''Stop''; $ProgressPreference = ''SilentlyContinue''' + [Environment]::NewLine
function Get-PartFailure($exception, $ms) {
  $e = $exception
  while ($e.InnerException) { $e = $e.InnerException }
  $code = if ($e.PSObject.Properties['NativeErrorCode']) { [string]$e.NativeErrorCode } else { '0x{0:X8}' -f $e.HResult }
  # Access denied: UnauthorizedAccess, CIM's AccessDenied, E_ACCESSDENIED (0x80070005), WBEM_E_ACCESS_DENIED (0x80041003).
  $denied = ($e -is [UnauthorizedAccessException]) -or $code -eq 'AccessDenied' -or $e.HResult -eq -2147024891 -or $e.HResult -eq -2147217405
  $detail = "$code " + ($e.Message -replace '\s+', ' ')
  if ($detail.Length -gt 300) { $detail = $detail.Substring(0, 300) }
  [ordered]@{ error = $(if ($denied) { 'denied' } else { 'failed' }); detail = $detail; ms = $ms }
}
$pool = [runspacefactory]::CreateRunspacePool(1, [Math]::Max(1, $parts.Count))
$pool.ApartmentState = [Threading.ApartmentState]::STA   # Shell.Application wants a single-threaded apartment
$pool.Open()
$jobs = @(foreach ($name in $parts) {
  $ps = [powershell]::Create()
  $ps.RunspacePool = $pool
  [void]$ps.AddScript($prelude + $code[$name])
  [pscustomobject]@{ name = $name; ps = $ps; clock = [Diagnostics.Stopwatch]::StartNew(); handle = $ps.BeginInvoke() }
})
$result = [ordered]@{}
foreach ($job in $jobs) {
  $left = [Math]::Max(0, $deadlineMs[$job.name] - $job.clock.ElapsedMilliseconds)
  $done = $job.handle.AsyncWaitHandle.WaitOne([int]$left)
  $ms = [int]$job.clock.ElapsedMilliseconds
  if (-not $done) {
    # Asked to stop, never waited for: a stuck COM or WMI call may not stop at all.
    [void]$job.ps.BeginStop($null, $null)
    $result[$job.name] = [ordered]@{ error = 'timeout'; detail = "no answer within $($deadlineMs[$job.name]) ms"; ms = $ms }
    continue
  }
  try {
    $out = @($job.ps.EndInvoke($job.handle))
    $value = $null
    if ($lists -contains $job.name) { $value = [object[]]$out } elseif ($out.Count) { $value = $out[0] }
    $result[$job.name] = [ordered]@{ value = $value; ms = $ms }
  } catch {
    $result[$job.name] = Get-PartFailure $_.Exception $ms
  }
  $job.ps.Dispose()
}
[void]$pool.BeginClose($null, $null)
ConvertTo-Json -InputObject ([ordered]@{ schema = 1; parts = $result }) -Depth 8 -Compress
`;

/** The script that runs `parts` (each at most once, in the order of WINDOWS_PARTS). */
export function windowsChecksScript(parts: readonly WindowsPart[]): string {
  const asked = WINDOWS_PARTS.filter((part) => parts.includes(part));
  const code = asked.map((part) => `$code['${part}'] = @'${PART_CODE[part]}\n'@`).join('\n');
  const deadlines = asked.map((part) => `'${part}' = ${PART_DEADLINE_MS[part]}`).join('; ');
  return [`$parts = @(${quoted(asked)})`, `$lists = @(${quoted(LIST_PARTS)})`, `$deadlineMs = @{ ${deadlines} }`, '$code = @{}', code, MAIN].join('\n');
}

/** Every part at once: what a check round runs. */
export const WINDOWS_CHECKS_SCRIPT = windowsChecksScript(WINDOWS_PARTS);
