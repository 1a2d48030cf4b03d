; PartyDesk's Windows installer (NSIS 3, Unicode, 64-bit). Built by `python -m installer.build`,
; which assembles the program folder and passes its facts as /D defines:
;   VERSION, VERSION_QUAD, SOURCE_DIR, OUT_FILE, ICON, RUNNING_MUTEX, INSTANCE_PREFIX,
;   REQUEST_CLOSE, PUBLISHER.
; Per-user install to %LOCALAPPDATA%\Programs\PartyDesk without administrator rights (default);
; all users to Program Files on request (/ALLUSERS, or the first page), which asks Windows for
; administrator rights. The program folder holds only the program: the clerk's data lives in
; %LOCALAPPDATA%\PartyDesk, which neither an upgrade nor the uninstaller ever touches.

Unicode true
Target amd64-unicode
ManifestDPIAware true
ManifestSupportedOS all
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include WinVer.nsh
!include x64.nsh
!include nsDialogs.nsh

!define APP_NAME "PartyDesk"
!define APP_EXE "PartyDesk.exe"
!define UNINSTALLER "Uninstall.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\PartyDesk"
; Half-seconds to wait for a running PartyDesk to close after it was asked to (one minute).
!define CLOSE_WAIT_POLLS 120

Name "${APP_NAME} ${VERSION}"
OutFile "${OUT_FILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
BrandingText "${APP_NAME} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION_QUAD}"
VIFileVersion "${VERSION_QUAD}"
VIAddVersionKey /LANG=1066 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=1066 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1066 "FileDescription" "Trình cài đặt PartyDesk ${VERSION}"
VIAddVersionKey /LANG=1066 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "LegalCopyright" "© ${PUBLISHER}"
VIAddVersionKey /LANG=1066 "OriginalFilename" "PartyDesk-Setup-${VERSION}.exe"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "Chương trình sẽ cài PartyDesk ${VERSION} vào máy tính này.$\r$\n$\r$\nNếu PartyDesk đang mở, trình cài đặt sẽ yêu cầu đóng chương trình trước khi nâng cấp. Dữ liệu của văn phòng (trong thư mục %LOCALAPPDATA%\PartyDesk) được giữ nguyên.$\r$\n$\r$\nBấm “Tiến” để tiếp tục."
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_TEXT "Mở PartyDesk ngay"
!define MUI_FINISHPAGE_RUN_FUNCTION RunPartyDesk
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_UNCONFIRMPAGE_TEXT_TOP "PartyDesk ${VERSION} sẽ được gỡ khỏi thư mục dưới đây. Dữ liệu của văn phòng trong %LOCALAPPDATA%\PartyDesk được giữ nguyên."

Var AllUsers           ; 1 = install for every user of this computer (Program Files)
Var CustomInstDir      ; the folder given with /D=, which the install mode must not override
Var ModeAllUsersRadio
Var ModeCurrentUserRadio

!insertmacro MUI_PAGE_WELCOME
Page custom InstallModePage InstallModePageLeave
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Vietnamese"

; --- closing a running PartyDesk (shared by install and uninstall) -----------------------------

!macro CLOSE_RUNNING_FUNCTION prefix
Function ${prefix}IsPartyDeskRunning
    ; $0 = 1 while any PartyDesk window process of this session holds the mutex.
    System::Call 'kernel32::OpenMutexW(i 0x00100000, i 0, w "${RUNNING_MUTEX}") p .r1'
    ${If} $1 P<> 0
        System::Call 'kernel32::CloseHandle(p r1)'
        StrCpy $0 1
    ${Else}
        StrCpy $0 0
    ${EndIf}
FunctionEnd

Function ${prefix}CloseRunningPartyDesk
    Call ${prefix}IsPartyDeskRunning
    ${If} $0 == 0
        Return
    ${EndIf}
    retry:
    DetailPrint "PartyDesk đang mở: yêu cầu chương trình đóng lại (công việc chưa lưu sẽ được hỏi)…"
    ; The running PartyDesk listens on \\.\pipe\PartyDesk-<user>; one line asks it to close
    ; through its normal path, so every unsaved-work question is still asked. Qt's pipe has no
    ; buffer: the write is overlapped and given 3 s, so a busy PartyDesk cannot hang setup.
    ReadEnvStr $2 USERNAME
    System::Call 'kernel32::CreateFileW(w "\\.\pipe\${INSTANCE_PREFIX}$2", i 0x40000000, i 0, p 0, i 3, i 0x40000000, p 0) p .r3'
    ${If} $3 P<> -1
        System::Call 'kernel32::CreateEventW(p 0, i 1, i 0, p 0) p .r1'
        System::Call '*(p 0, p 0, i 0, i 0, p r1) p .r8'
        StrCpy $4 "${REQUEST_CLOSE}$\n"
        StrLen $5 $4
        System::Call 'kernel32::WriteFile(p r3, m r4, i r5, p 0, p r8) i .r4 ?e'
        Pop $5
        ${If} $4 = 0
        ${AndIf} $5 = 997 ; ERROR_IO_PENDING
            System::Call 'kernel32::WaitForSingleObject(p r1, i 3000) i .r6'
            ${If} $6 = 258 ; WAIT_TIMEOUT
                System::Call 'kernel32::CancelIo(p r3)'
            ${EndIf}
        ${EndIf}
        System::Call 'kernel32::GetOverlappedResult(p r3, p r8, *i 0, i 1)'
        System::Call 'kernel32::CloseHandle(p r3)'
        System::Call 'kernel32::CloseHandle(p r1)'
        System::Free $8
    ${EndIf}
    StrCpy $7 0
    ${Do}
        Sleep 500
        Call ${prefix}IsPartyDeskRunning
        ${If} $0 == 0
            Sleep 500 ; let the launcher (PartyDesk.exe) end after the program it waited for
            DetailPrint "PartyDesk đã đóng."
            Return
        ${EndIf}
        IntOp $7 $7 + 1
    ${LoopUntil} $7 >= ${CLOSE_WAIT_POLLS}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "PartyDesk vẫn đang mở.$\r$\n$\r$\nHãy lưu công việc đang làm, đóng mọi cửa sổ PartyDesk rồi bấm Thử lại.$\r$\nBấm Hủy để dừng; chương trình và dữ liệu hiện có không bị thay đổi." /SD IDCANCEL IDRETRY retry
    SetErrorLevel 5
    Quit
FunctionEnd
!macroend
!insertmacro CLOSE_RUNNING_FUNCTION ""
!insertmacro CLOSE_RUNNING_FUNCTION "un."

; --- install mode ---------------------------------------------------------------------------

Function .onInit
    ${IfNot} ${RunningX64}
    ${OrIfNot} ${AtLeastWin10}
        MessageBox MB_OK|MB_ICONSTOP "PartyDesk cần Windows 10 hoặc Windows 11 bản 64-bit." /SD IDOK
        SetErrorLevel 3
        Quit
    ${EndIf}
    SetRegView 64
    ; NSIS has put /D= into $INSTDIR before .onInit runs.
    ${If} $INSTDIR != "$LOCALAPPDATA\Programs\${APP_NAME}"
        StrCpy $CustomInstDir $INSTDIR
    ${EndIf}
    StrCpy $AllUsers 0
    ${GetParameters} $R0
    ClearErrors
    ${GetOptions} $R0 "/ALLUSERS" $R1
    ${IfNot} ${Errors}
        StrCpy $AllUsers 1
    ${EndIf}
    Call ApplyInstallMode
FunctionEnd

Function ApplyInstallMode
    ${If} $AllUsers == 1
        UserInfo::GetAccountType
        Pop $R2
        ${If} $R2 != "Admin"
            ${If} ${Silent}
                SetErrorLevel 4
                Quit
            ${EndIf}
            ; Ask Windows for administrator rights: start this installer again, elevated.
            ExecShell "runas" "$EXEPATH" "/ALLUSERS"
            Quit
        ${EndIf}
        SetShellVarContext all
        ReadRegStr $R3 HKLM "${UNINSTALL_KEY}" "InstallLocation"
        ${If} $R3 != ""
            StrCpy $INSTDIR $R3
        ${Else}
            StrCpy $INSTDIR "$PROGRAMFILES64\${APP_NAME}"
        ${EndIf}
    ${Else}
        SetShellVarContext current
        ReadRegStr $R3 HKCU "${UNINSTALL_KEY}" "InstallLocation"
        ${If} $R3 != ""
            StrCpy $INSTDIR $R3
        ${Else}
            StrCpy $INSTDIR "$LOCALAPPDATA\Programs\${APP_NAME}"
        ${EndIf}
    ${EndIf}
    ${If} $CustomInstDir != ""
        StrCpy $INSTDIR $CustomInstDir
    ${EndIf}
FunctionEnd

Function InstallModePage
    !insertmacro MUI_HEADER_TEXT "Cài cho ai" "Chọn cài PartyDesk cho riêng bạn hay cho mọi người dùng máy này."
    nsDialogs::Create 1018
    Pop $R0
    ${NSD_CreateLabel} 0 0 100% 24u "Cài cho riêng bạn không cần quyền quản trị. Cài cho mọi người dùng cần quyền quản trị máy (Windows sẽ hỏi)."
    Pop $R1
    ${NSD_CreateRadioButton} 10u 34u 100% 12u "Chỉ cho tôi (khuyên dùng)"
    Pop $ModeCurrentUserRadio
    ${NSD_CreateRadioButton} 10u 52u 100% 12u "Cho mọi người dùng máy tính này"
    Pop $ModeAllUsersRadio
    ${If} $AllUsers == 1
        ${NSD_Check} $ModeAllUsersRadio
    ${Else}
        ${NSD_Check} $ModeCurrentUserRadio
    ${EndIf}
    nsDialogs::Show
FunctionEnd

Function InstallModePageLeave
    ${NSD_GetState} $ModeAllUsersRadio $R0
    ${If} $R0 == ${BST_CHECKED}
        StrCpy $AllUsers 1
    ${Else}
        StrCpy $AllUsers 0
    ${EndIf}
    Call ApplyInstallMode
FunctionEnd

Function RunPartyDesk
    ; Through Explorer, so an elevated (all-users) installer still starts PartyDesk as the clerk.
    Exec '"$WINDIR\explorer.exe" "$INSTDIR\${APP_EXE}"'
FunctionEnd

; --- sections -------------------------------------------------------------------------------

Section "PartyDesk (bắt buộc)" SecProgram
    SectionIn RO
    Call CloseRunningPartyDesk
    ; An upgrade replaces the whole program (the data is elsewhere). Only folders this
    ; installer made are removed, and only where its launcher shows it installed them.
    ${If} ${FileExists} "$INSTDIR\${APP_EXE}"
        DetailPrint "Gỡ bản PartyDesk cũ trong $INSTDIR (dữ liệu không bị ảnh hưởng)…"
        RMDir /r "$INSTDIR\python"
        RMDir /r "$INSTDIR\app"
    ${EndIf}
    SetOutPath "$INSTDIR"
    ; Thousands of files: listing each one would take longer than copying them.
    SetDetailsPrint textonly
    File "${SOURCE_DIR}\${APP_EXE}"
    File /r "${SOURCE_DIR}\python"
    File /r "${SOURCE_DIR}\app"
    SetDetailsPrint both
    DetailPrint "Biên dịch trước mã Python để PartyDesk khởi động nhanh…"
    nsExec::ExecToLog '"$INSTDIR\python\python.exe" -E -s -m compileall -q --invalidation-mode unchecked-hash "$INSTDIR\app" "$INSTDIR\python\Lib\site-packages"'
    Pop $0
    WriteUninstaller "$INSTDIR\${UNINSTALLER}"
    CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
    Call WriteUninstallEntry
SectionEnd

Section "Lối tắt trên màn hình nền" SecDesktop
    CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
SectionEnd

Function WriteUninstallEntry
    ${If} $AllUsers == 1
        StrCpy $R0 "HKLM"
    ${Else}
        StrCpy $R0 "HKCU"
    ${EndIf}
    WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
    WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
    WriteRegStr SHCTX "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
    WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
    WriteRegStr SHCTX "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
    WriteRegStr SHCTX "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
    WriteRegStr SHCTX "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
    WriteRegStr SHCTX "${UNINSTALL_KEY}" "InstallScope" "$R0"
    WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoModify" 1
    WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoRepair" 1
    ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
    IntFmt $0 "0x%08X" $0
    WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "EstimatedSize" "$0"
FunctionEnd

; --- uninstall ------------------------------------------------------------------------------

Function un.onInit
    SetRegView 64
    ; Installed for all users when the machine-wide entry points at this folder.
    ReadRegStr $R0 HKLM "${UNINSTALL_KEY}" "InstallLocation"
    ${If} $R0 == $INSTDIR
        UserInfo::GetAccountType
        Pop $R1
        ${If} $R1 != "Admin"
            ${If} ${Silent}
                SetErrorLevel 4
                Quit
            ${EndIf}
            ExecShell "runas" "$INSTDIR\${UNINSTALLER}"
            Quit
        ${EndIf}
        SetShellVarContext all
    ${Else}
        SetShellVarContext current
    ${EndIf}
FunctionEnd

Section "Uninstall"
    Call un.CloseRunningPartyDesk
    Delete "$SMPROGRAMS\${APP_NAME}.lnk"
    Delete "$DESKTOP\${APP_NAME}.lnk"
    SetDetailsPrint textonly
    RMDir /r "$INSTDIR\python"
    RMDir /r "$INSTDIR\app"
    SetDetailsPrint both
    Delete "$INSTDIR\${APP_EXE}"
    Delete "$INSTDIR\${UNINSTALLER}"
    ; Not /r: a file someone put in the program folder stays, and so does the folder then.
    RMDir "$INSTDIR"
    DeleteRegKey SHCTX "${UNINSTALL_KEY}"
    DetailPrint "Dữ liệu PartyDesk trong %LOCALAPPDATA%\PartyDesk được giữ nguyên."
SectionEnd
