; Included by electron-builder's NSIS installer (nsis.include in electron-builder.yml).
; electron-builder's `protocols` registers confer:// on macOS and Linux only, so the installer
; writes it here and the uninstaller removes it. SHCTX is the hive of the installation: HKLM when
; installed for all users, HKCU when installed for one user.

!macro customInstall
  WriteRegStr SHCTX "Software\Classes\confer" "" "URL:Confer room link"
  WriteRegStr SHCTX "Software\Classes\confer" "URL Protocol" ""
  WriteRegStr SHCTX "Software\Classes\confer\DefaultIcon" "" "$appExe,0"
  WriteRegStr SHCTX "Software\Classes\confer\shell\open\command" "" '"$appExe" "%1"'
!macroend

!macro customUnInstall
  DeleteRegKey SHCTX "Software\Classes\confer"
!macroend
