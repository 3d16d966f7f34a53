; Included by electron-builder's NSIS installer (electron-builder.yml: nsis.include), before its
; own script: what we use from NSIS's headers is included here (both have include guards).
!include LogicLib.nsh
!include FileFunc.nsh

; Start at login for every user of a managed workstation. The installer is per machine
; (nsis.perMachine), so the agent is registered under HKLM Run, which Windows runs at each
; user's login; Electron's app.setLoginItemSettings() would only reach the user who happens to
; run the app (HKCU Run). electron-builder has already chosen the 64-bit registry view for the
; x64 and arm64 builds (check64BitAndSetRegView), so this is the native key, not WOW6432Node.
;
; The marker file tells the shell that this Run value exists (electron/main/login.ts,
; MACHINE_AUTOSTART_MARKER): the app then sets no per-user entry of its own, and removes one left
; by an earlier version, so that the agent is not started twice at login.
;
; The managed configuration (README, "Deployment"): a silent install for deployment tools,
;   hallo-agent-<version>-win-x64.exe /S /APIURL="https://agent.hallo.eu/v1" /ENROLLMENTCODE=ABCD-1234-EF
; writes %ProgramData%\hallo\agent\config.json = {"apiUrl": ..., "enrollmentCode": ...}, the file
; electron/agent/config/managed-path.ts names. The URL must be quoted: GetOptions ends a value at
; the next unquoted "/". Both or neither: with neither the file is left as it is (an update, a
; repair); with one, or a value that fails the checks below, nothing is installed (exit code 2).
; An existing config.json is never overwritten: it may hold the admin's other settings (language,
; shortcuts) and NSIS cannot merge JSON; to change it, edit or delete it first (README).
; The values are checked character by character against short allow-lists, so the JSON needs no
; escaping (no quote, backslash or control character can get in); the agent checks them again
; when it reads the file (managed-config.ts) and shows what it refuses in the admin view.
; tests/packaging/nsis-config.test.ts reads these defines and the macros' FileWrite lines.
!define HALLO_CONFIG_DIR "hallo\agent"
!define HALLO_URL_PREFIX "https://"
!define HALLO_URL_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/%"
!define HALLO_URL_MAX 2048
!define HALLO_CODE_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-"
!define HALLO_CODE_MIN 4
!define HALLO_CODE_MAX 64
!define HALLO_BAD_ARGUMENTS_EXIT 2
; Installed, but /APIURL and /ENROLLMENTCODE could not be written safely (the deployment tool reports it).
!define HALLO_CONFIG_NOT_WRITTEN_EXIT 3
; Self-update without an administrator (electron/main/machine-update/README.md): the folders under
; the configuration folder, the two tasks and the marker the app looks for (places.ts).
!define HALLO_UPDATE_TASK "\hallo\agent-update"
!define HALLO_START_TASK "\hallo\agent-start"
!define HALLO_UPDATE_TASK_MARKER "update-task"
; %ProgramData%\hallo as this installer makes it (halloMakeOurs), and where it notes that it did.
!define HALLO_FOLDER_SDDL "O:BAD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;BU)"
!define HALLO_STATE_KEY "SOFTWARE\hallo\agent"

!ifndef BUILD_UNINSTALLER
Var halloApiUrl
Var halloEnrollmentCode
Var halloAclOk

; Sets the error flag when a character of $R0 is not one of $R1 (compared case-sensitively).
Function halloCheckChars
  Push $R2
  Push $R3
  Push $R4
  Push $R5
  ClearErrors
  StrCpy $R2 0
  ${Do}
    StrCpy $R3 $R0 1 $R2
    ${If} $R3 == ""
      ${ExitDo}
    ${EndIf}
    StrCpy $R4 0
    ${Do}
      StrCpy $R5 $R1 1 $R4
      ${If} $R5 == ""
        SetErrors
        ${ExitDo}
      ${EndIf}
      ${If} $R5 S== $R3
        ${ExitDo}
      ${EndIf}
      IntOp $R4 $R4 + 1
    ${Loop}
    ${If} ${Errors}
      ${ExitDo}
    ${EndIf}
    IntOp $R2 $R2 + 1
  ${Loop}
  Pop $R5
  Pop $R4
  Pop $R3
  Pop $R2
FunctionEnd

; Refuses the installation before anything is installed: Intune and GPO report the exit code.
!macro halloRefuse reason
  MessageBox MB_OK|MB_ICONSTOP "hallo, agent: ${reason}" /SD IDOK
  SetErrorLevel ${HALLO_BAD_ARGUMENTS_EXIT}
  Quit
!macroend

; The folder $R2 must not be a link (a junction a user made in its place): a link is removed
; (RMDir removes the link itself, never what it points at), then the folder is made. Called only
; once the folder above it is locked, so that no one else can put a link back in between.
Function halloNoLink
  ClearErrors
  ${GetFileAttributes} $R2 "REPARSE_POINT" $R1
  ${If} $R1 == 1
    ClearErrors
    RMDir $R2
    ${If} ${Errors}
      StrCpy $halloAclOk 0
    ${EndIf}
  ${EndIf}
  CreateDirectory $R2
FunctionEnd

; $R3 = 1 when the folder $R2 is owned by Administrators or SYSTEM (what an elevated installer or
; SYSTEM makes), else 0: made by someone else. By SID, so that a Dutch Windows reads the same.
Function halloOwnedByUs
  StrCpy $R3 0
  nsExec::ExecToStack '"$SYSDIR\WindowsPowerShell\v1.0\powershell.exe" -NoProfile -NonInteractive -Command "(Get-Acl -LiteralPath $\'$R2$\').GetOwner([Security.Principal.SecurityIdentifier]).Value"'
  Pop $R1
  Pop $R4
  ${If} $R1 == 0
    StrCpy $R5 $R4 12
    ${If} $R5 == "S-1-5-32-544"
      StrCpy $R3 1
    ${EndIf}
    StrCpy $R5 $R4 9
    ${If} $R5 == "S-1-5-18$\r"
      StrCpy $R3 1
    ${EndIf}
  ${EndIf}
FunctionEnd

; Makes the folder $R2 with its final rights in one step (CreateDirectoryW with a security
; descriptor: owner Administrators; SYSTEM and Administrators full, Users read; nothing inherited),
; so that there is no moment in which a user could open it. $R3 = 1 when made; 0 when something
; is there already (made by someone else in between) or it failed.
Function halloMakeOurs
  StrCpy $R3 0
  System::Call 'advapi32::ConvertStringSecurityDescriptorToSecurityDescriptorW(w "${HALLO_FOLDER_SDDL}", i 1, *p .R6, p 0) i .R7'
  ${If} $R7 != 0
    System::Call '*(&l4, p R6, i 0) p .R8'
    System::Call 'kernel32::CreateDirectoryW(w R2, p R8) i .R7'
    ${If} $R7 != 0
      StrCpy $R3 1
    ${EndIf}
    System::Free $R8
    System::Call 'kernel32::LocalFree(p R6)'
  ${EndIf}
FunctionEnd

; %ProgramData%\hallo ($R0: ProgramData) is trusted only when an earlier install made it in one
; step (noted in HKLM, where no user can write), it is a plain folder and still owned by
; Administrators or SYSTEM. Anything else there, a folder a user made first or a link, is moved
; aside (a link removed) and the folder made anew in one step (halloMakeOurs). Clears halloAclOk
; when that cannot be done.
Function halloConfigFolder
  ClearErrors
  ${GetFileAttributes} "$R0\hallo" "REPARSE_POINT" $R1
  StrCpy $R7 $R1
  ClearErrors
  ReadRegDWORD $R3 HKLM "${HALLO_STATE_KEY}" "ConfigFolderMade"
  ; Made before, a plain folder, and still owned by Administrators or SYSTEM: an admin may have
  ; removed it since, and a user made one in its place.
  ${If} $R3 == 1
  ${AndIf} $R7 == 0
    StrCpy $R2 "$R0\hallo"
    Call halloOwnedByUs
  ${EndIf}
  StrCpy $R1 $R7
  ${If} $R3 != 1
  ${OrIf} $R1 != 0
    ${If} $R1 == 1
      ClearErrors
      RMDir "$R0\hallo"
      ${If} ${Errors}
        StrCpy $halloAclOk 0
      ${EndIf}
    ${EndIf}
    ${If} $R1 == 0
      System::Call 'kernel32::GetTickCount() i .R9'
      ClearErrors
      Rename "$R0\hallo" "$R0\hallo.untrusted-$R9"
      ${If} ${Errors}
        StrCpy $halloAclOk 0
      ${Else}
        DetailPrint "$R0\hallo was not made by this installer: moved aside to $R0\hallo.untrusted-$R9"
      ${EndIf}
    ${EndIf}
    ${If} $halloAclOk == 1
      StrCpy $R2 "$R0\hallo"
      Call halloMakeOurs
      ${If} $R3 == 1
        WriteRegDWORD HKLM "${HALLO_STATE_KEY}" "ConfigFolderMade" 1
      ${Else}
        StrCpy $halloAclOk 0
      ${EndIf}
    ${EndIf}
  ${EndIf}
FunctionEnd

; After locking $R2: a link there now was put in between (a race); nothing is trusted to it.
Function halloStillNoLink
  ClearErrors
  ${GetFileAttributes} $R2 "REPARSE_POINT" $R1
  ${If} $R1 == 1
  ${OrIf} ${Errors}
    StrCpy $halloAclOk 0
  ${EndIf}
FunctionEnd
!endif

; In .onInit, before anything is installed: read and check /APIURL= and /ENROLLMENTCODE=.
!macro customInit
  ${GetParameters} $R0
  StrCpy $halloApiUrl ""
  StrCpy $halloEnrollmentCode ""
  ClearErrors
  ${GetOptions} $R0 "/APIURL=" $halloApiUrl
  ClearErrors
  ${GetOptions} $R0 "/ENROLLMENTCODE=" $halloEnrollmentCode
  ClearErrors
  ${If} $halloApiUrl != ""
  ${OrIf} $halloEnrollmentCode != ""
    ${If} $halloApiUrl == ""
    ${OrIf} $halloEnrollmentCode == ""
      !insertmacro halloRefuse "/APIURL and /ENROLLMENTCODE go together: give both or neither."
    ${EndIf}
    StrLen $R1 $halloApiUrl
    StrCpy $R2 $halloApiUrl 8
    ${If} $R2 != "${HALLO_URL_PREFIX}"
    ${OrIf} $R1 <= 8
    ${OrIf} $R1 > ${HALLO_URL_MAX}
      !insertmacro halloRefuse '/APIURL must be an https URL in quotes, e.g. /APIURL=$\"https://agent.hallo.eu/v1$\".'
    ${EndIf}
    StrCpy $R0 $halloApiUrl
    StrCpy $R1 "${HALLO_URL_CHARS}"
    Call halloCheckChars
    ${If} ${Errors}
      !insertmacro halloRefuse "/APIURL may hold only letters, digits and - . _ ~ : / %"
    ${EndIf}
    StrLen $R1 $halloEnrollmentCode
    ${If} $R1 < ${HALLO_CODE_MIN}
    ${OrIf} $R1 > ${HALLO_CODE_MAX}
      !insertmacro halloRefuse "/ENROLLMENTCODE must be ${HALLO_CODE_MIN} to ${HALLO_CODE_MAX} characters long."
    ${EndIf}
    StrCpy $R0 $halloEnrollmentCode
    StrCpy $R1 "${HALLO_CODE_CHARS}"
    Call halloCheckChars
    ${If} ${Errors}
      !insertmacro halloRefuse "/ENROLLMENTCODE may hold only letters, digits and -"
    ${EndIf}
  ${EndIf}
!macroend

!macro customInstall
  WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\Run" "hallo agent" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}"'
  FileOpen $0 "$INSTDIR\resources\machine-autostart" w
  FileWrite $0 "HKLM\Software\Microsoft\Windows\CurrentVersion\Run: hallo agent$\r$\n"
  FileClose $0

  ; The configuration folder: everyone reads, only SYSTEM and Administrators write. Set on every
  ; install, with or without arguments: ProgramData's default ACL lets Users create files in new
  ; folders, and a config.json planted by a user would point the agent at another server.
  ; icacls.exe ships with every Windows (no plugin to download, as AccessControl would be), and
  ; well-known SIDs instead of group names work on a Dutch Windows ("Gebruikers") too:
  ; S-1-5-18 SYSTEM, S-1-5-32-544 Administrators, S-1-5-32-545 Users.
  ReadEnvStr $R0 ProgramData
  ${If} $R0 == ""
    StrCpy $R0 "$WINDIR\..\ProgramData"
  ${EndIf}
  ; The configuration folder, locked from the top down. ProgramData lets any user make a folder,
  ; and a folder a user made before the install would stay theirs (its owner, or anyone holding
  ; it open, may give themselves back any right, and may put links or a config.json in it). So
  ; %ProgramData%\hallo is made by this installer in one step with its final rights, then
  ; hallo\agent inside it, where no one else can add, rename or link anything: owner
  ; Administrators, everything inside reset to inherit. /L: icacls acts on a link itself, never
  ; where it points. Each step only when the ones before succeeded; config.json is written only
  ; when all did, and when it cannot be the installer exits with code 3.
  StrCpy $halloAclOk 1
  Call halloConfigFolder
  ${If} $halloAclOk == 1
    nsExec::ExecToLog '"$SYSDIR\icacls.exe" "$R0\hallo" /setowner *S-1-5-32-544 /L'
    Pop $R1
    ${If} $R1 != 0
      StrCpy $halloAclOk 0
    ${EndIf}
    nsExec::ExecToLog '"$SYSDIR\icacls.exe" "$R0\hallo" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX /L'
    Pop $R1
    ${If} $R1 != 0
      StrCpy $halloAclOk 0
    ${EndIf}
    StrCpy $R2 "$R0\hallo"
    Call halloStillNoLink
  ${EndIf}
  ; From here on no one else can add, rename or link anything under hallo.
  ${If} $halloAclOk == 1
    StrCpy $R2 "$R0\${HALLO_CONFIG_DIR}"
    Call halloNoLink
  ${EndIf}
  ${If} $halloAclOk == 1
    nsExec::ExecToLog '"$SYSDIR\icacls.exe" "$R0\${HALLO_CONFIG_DIR}" /setowner *S-1-5-32-544 /T /C /L'
    Pop $R1
    ${If} $R1 != 0
      StrCpy $halloAclOk 0
    ${EndIf}
    nsExec::ExecToLog '"$SYSDIR\icacls.exe" "$R0\${HALLO_CONFIG_DIR}" /reset /T /C /L'
    Pop $R1
    ${If} $R1 != 0
      StrCpy $halloAclOk 0
    ${EndIf}
    nsExec::ExecToLog '"$SYSDIR\icacls.exe" "$R0\${HALLO_CONFIG_DIR}" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX /L'
    Pop $R1
    ${If} $R1 != 0
      StrCpy $halloAclOk 0
    ${EndIf}
    Call halloStillNoLink
  ${EndIf}

  ; Self-update by SYSTEM's task (electron/main/machine-update/README.md): each user's agent
  ; leaves the installer it downloaded in that user's own %LOCALAPPDATA%; SYSTEM only reads there,
  ; copies it into its own profile and runs it only when it is hallo,'s and newer. The app itself
  ; registers the tasks (--register-update-task, through Task Scheduler's API with the tasks'
  ; security descriptors; it refuses outside Program Files); only when that succeeded is the
  ; marker written, and only with the marker does the app update itself: without it (or
  ; installed by the MSI) it never asks for UAC, and the tasks are removed.
  Delete "$INSTDIR\resources\${HALLO_UPDATE_TASK_MARKER}"
  ClearErrors
  ExecWait '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" --register-update-task' $R1
  ${If} ${Errors}
    StrCpy $R1 "the app did not start"
  ${EndIf}
  ${If} $R1 == 0
    FileOpen $0 "$INSTDIR\resources\${HALLO_UPDATE_TASK_MARKER}" w
    FileWrite $0 "${HALLO_UPDATE_TASK}$\r$\n"
    FileClose $0
  ${Else}
    DetailPrint "the update tasks were not registered ($R1): the agent will not update itself"
    nsExec::ExecToLog '"$SYSDIR\schtasks.exe" /delete /tn "${HALLO_UPDATE_TASK}" /f'
    Pop $R1
    nsExec::ExecToLog '"$SYSDIR\schtasks.exe" /delete /tn "${HALLO_START_TASK}" /f'
    Pop $R1
  ${EndIf}
  ; Installed by the update task (--updated, as SYSTEM): the app was stopped for every user, so
  ; it is started again in the sessions of those logged on (never as SYSTEM: no --force-run).
  ${If} ${isUpdated}
    nsExec::ExecToLog '"$SYSDIR\schtasks.exe" /run /tn "${HALLO_START_TASK}"'
    Pop $R1
  ${EndIf}

  ${If} $halloApiUrl != ""
  ${AndIf} $halloAclOk != 1
    DetailPrint "the configuration folder's rights could not be set: config.json not written"
    SetErrorLevel ${HALLO_CONFIG_NOT_WRITTEN_EXIT}
  ${ElseIf} $halloApiUrl != ""
    ${If} ${FileExists} "$R0\${HALLO_CONFIG_DIR}\config.json"
      DetailPrint "config.json exists: left as it is (/APIURL and /ENROLLMENTCODE not written)"
    ${Else}
      ; Written beside it, then renamed: the agent never reads half a file.
      FileOpen $0 "$R0\${HALLO_CONFIG_DIR}\config.json.tmp" w
      FileWrite $0 '{$\r$\n'
      FileWrite $0 '  "apiUrl": "$halloApiUrl",$\r$\n'
      FileWrite $0 '  "enrollmentCode": "$halloEnrollmentCode"$\r$\n'
      FileWrite $0 '}$\r$\n'
      FileClose $0
      Rename "$R0\${HALLO_CONFIG_DIR}\config.json.tmp" "$R0\${HALLO_CONFIG_DIR}\config.json"
    ${EndIf}
  ${EndIf}
!macroend

; Also run, with --updated, by the old version's uninstaller during an update; the new version's
; customInstall then writes both again. The managed configuration stays: it is the admin's.
!macro customUnInstall
  DeleteRegValue HKLM "Software\Microsoft\Windows\CurrentVersion\Run" "hallo agent"
  Delete "$INSTDIR\resources\machine-autostart"
  Delete "$INSTDIR\resources\${HALLO_UPDATE_TASK_MARKER}"
  ; The tasks go with a real uninstall only: during an update the update task is what is running
  ; this (the new version's customInstall registers them again).
  ${IfNot} ${isUpdated}
    nsExec::ExecToLog '"$SYSDIR\schtasks.exe" /delete /tn "${HALLO_UPDATE_TASK}" /f'
    Pop $R1
    nsExec::ExecToLog '"$SYSDIR\schtasks.exe" /delete /tn "${HALLO_START_TASK}" /f'
    Pop $R1
  ${EndIf}
!macroend
