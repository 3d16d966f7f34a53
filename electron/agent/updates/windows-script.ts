/**
 * The one script the Windows provider runs in the PowerShell host (platform/powershell-host.ts).
 * It prints one JSON document whose shape parse/wua.ts documents and checks. Read-only: an offline
 * search of the Windows Update Agent's cache (`Online = $false`: quick, no network), the installed
 * history of the last 30 days, the pending-restart sources of windows-probes.md and Microsoft 365
 * Click-to-Run. Each part catches its own failure, so that a broken WUA still reports a pending restart.
 */
export const WINDOWS_UPDATES_SCRIPT = String.raw`
function Test-Key($path) { Test-Path -LiteralPath $path }
function Get-Value($path, $name) {
  try { (Get-ItemProperty -LiteralPath $path -Name $name -ErrorAction Stop).$name } catch { $null }
}
$doc = [ordered]@{ schema = 1; updates = $null; searchError = $null; history = $null; historyError = $null; reboot = $null; office = $null }
$searcher = $null
try {
  $searcher = (New-Object -ComObject Microsoft.Update.Session).CreateUpdateSearcher()
  $searcher.Online = $false
  $result = $searcher.Search("IsInstalled=0 and Type='Software' and IsHidden=0")
  $doc.updates = @(foreach ($u in $result.Updates) {
    [ordered]@{
      title = [string]$u.Title
      kb = @($u.KBArticleIDs | ForEach-Object { [string]$_ })
      msrcSeverity = $u.MsrcSeverity
      maxDownloadSize = [double]$u.MaxDownloadSize
      isDownloaded = [bool]$u.IsDownloaded
      rebootBehavior = [int]$u.InstallationBehavior.RebootBehavior
      categoryIds = @($u.Categories | ForEach-Object { [string]$_.CategoryID })
    }
  })
} catch { $doc.searchError = $_.Exception.Message }
try {
  if ($searcher) {
    $since = (Get-Date).ToUniversalTime().AddDays(-30)
    $count = $searcher.GetTotalHistoryCount()
    $doc.history = @(if ($count -gt 0) {
      foreach ($h in $searcher.QueryHistory(0, [Math]::Min($count, 500))) {
        $date = [DateTime]::SpecifyKind($h.Date, 'Utc')
        if ($h.Operation -eq 1 -and $date -ge $since) {
          [ordered]@{ title = [string]$h.Title; date = $date.ToString('o'); resultCode = [int]$h.ResultCode }
        }
      }
    })
  }
} catch { $doc.historyError = $_.Exception.Message }
$cbs = 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing'
$wu = 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate'
$services = @(Get-ChildItem -LiteralPath "$wu\Services\Pending" -ErrorAction SilentlyContinue |
  Where-Object { $_.PSChildName -ne '117cab2d-82b1-4b5a-a08c-4d62dbee7782' })
$renames = Get-Value 'HKLM:\SYSTEM\CurrentControlSet\Control\Session Manager' 'PendingFileRenameOperations'
$volatile = Get-Value 'HKLM:\SOFTWARE\Microsoft\Updates' 'UpdateExeVolatile'
$active = Get-Value 'HKLM:\SYSTEM\CurrentControlSet\Control\ComputerName\ActiveComputerName' 'ComputerName'
$next = Get-Value 'HKLM:\SYSTEM\CurrentControlSet\Control\ComputerName\ComputerName' 'ComputerName'
$flag = Get-Value 'HKLM:\SOFTWARE\Microsoft\IntuneManagementExtension\RebootSettings' 'RebootFlag'
$agent = $null
try { $agent = [bool](New-Object -ComObject Microsoft.Update.SystemInfo).RebootRequired } catch { }
$doc.reboot = [ordered]@{
  cbsRebootPending = [bool]((Test-Key "$cbs\RebootPending") -or (Test-Key "$cbs\RebootInProgress") -or (Test-Key "$cbs\PackagesPending"))
  wuRebootRequired = [bool](Test-Key "$wu\Auto Update\RebootRequired")
  servicesPending = [bool]($services.Count -gt 0)
  updateAgentRebootRequired = $agent
  intuneRebootFlag = [bool]($flag -and "$flag" -ne '0' -and "$flag" -ne 'false')
  computerRenamePending = [bool]($active -and $next -and $active -ne $next)
  pendingFileRename = [bool](@($renames | Where-Object { $_ }).Count -gt 0)
  updateExeVolatile = [bool]($volatile -and [int]$volatile -ne 0)
}
$c2r = 'HKLM:\SOFTWARE\Microsoft\Office\ClickToRun\Configuration'
if (Test-Key $c2r) {
  $doc.office = [ordered]@{
    version = Get-Value $c2r 'VersionToReport'
    updateChannel = Get-Value $c2r 'UpdateChannel'
    cdnBaseUrl = Get-Value $c2r 'CDNBaseUrl'
  }
}
ConvertTo-Json -InputObject $doc -Depth 6 -Compress
`;
