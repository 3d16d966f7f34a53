; Included by electron-builder's NSIS installer (electron-builder.yml: nsis.include).
;
; Start at login for every user of a managed workstation. The installer is per machine
; (nsis.perMachine), so the agent is registered under HKLM Run, which Windows runs at each
; user's login; Electron's app.setLoginItemSettings() would only reach the user who happens to
; run the app (HKCU Run). electron-builder has already chosen the 64-bit registry view for the
; x64 and arm64 builds (check64BitAndSetRegView), so this is the native key, not WOW6432Node.
;
; The marker file tells the shell that this Run value exists (electron/main/login.ts,
; MACHINE_AUTOSTART_MARKER): the app then sets no per-user entry of its own, and removes one left
; by an earlier version, so that the agent is not started twice at login.

!macro customInstall
  WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\Run" "hallo agent" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}"'
  FileOpen $0 "$INSTDIR\resources\machine-autostart" w
  FileWrite $0 "HKLM\Software\Microsoft\Windows\CurrentVersion\Run: hallo agent$\r$\n"
  FileClose $0
!macroend

; Also run, with --updated, by the old version's uninstaller during an update; the new version's
; customInstall then writes both again.
!macro customUnInstall
  DeleteRegValue HKLM "Software\Microsoft\Windows\CurrentVersion\Run" "hallo agent"
  Delete "$INSTDIR\resources\machine-autostart"
!macroend
