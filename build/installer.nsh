; Included by electron-builder's NSIS uninstaller (nsis.include). The committee's data (database, key file,
; backups) lives in %APPDATA%\Tiaojie, outside the install folder: an uninstall keeps it unless the user
; says otherwise here, and an upgrade (isUpdated) or a silent uninstall (/S, answer IDNO) never asks and keeps it.
!macro customUnInstall
  ${ifNot} ${isUpdated}
    MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 "是否同时删除本机的调解数据（数据库、密钥文件和默认位置的备份）？$\r$\n$\r$\n选择“否”（推荐）将保留数据，重新安装调解台后可继续使用。$\r$\n数据位置：$APPDATA\Tiaojie" /SD IDNO IDNO tiaojie_keep_data
      SetShellVarContext current
      RMDir /r "$APPDATA\Tiaojie"
    tiaojie_keep_data:
  ${endIf}
!macroend
