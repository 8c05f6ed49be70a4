; Common Ground's Windows installer, made with NSIS by .ci/dist:
;   makensis -DVERSION=0.1.0 -DEXE=...\common-ground.exe -DICON=...\common-ground.ico
;            -DOUTFILE=...\common-ground-0.1.0-setup.exe -DFONT_LICENCE=...\OFL.txt
;            packaging/windows/installer.nsi
; It installs for the person running it, so it needs no administrator rights: the program goes
; into %LOCALAPPDATA%\Programs\Common Ground, with an entry in the Start menu and an uninstaller
; listed in Settings > Apps. The uninstaller removes only what this installed: workshops are the
; person's own files, and the app's folder (autosaves, recovery, recent files) is left for them.

; A 64-bit installer, as the program is: it also runs where only 64-bit programs can (Wine
; without its 32-bit part).
Target amd64-unicode
!include "MUI2.nsh"
!include "FileFunc.nsh"

!macro REQUIRE NAME
  !ifndef ${NAME}
    !error "Pass -D${NAME}=... (see the top of this file)."
  !endif
!macroend
!insertmacro REQUIRE VERSION
!insertmacro REQUIRE EXE
!insertmacro REQUIRE ICON
!insertmacro REQUIRE OUTFILE
!insertmacro REQUIRE FONT_LICENCE

!define PRODUCT "Common Ground"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${PRODUCT}"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
SetCompressor /SOLID lzma
ManifestDPIAware true

VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${PRODUCT}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${PRODUCT} installer"
VIAddVersionKey "LegalCopyright" "MIT OR Apache-2.0"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\common-ground.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${PRODUCT} now"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "${PRODUCT}"
  SetOutPath "$INSTDIR"
  File "/oname=common-ground.exe" "${EXE}"
  ; The bundled Noto fonts' licence (SIL OFL) travels with the program that holds them.
  File "/oname=fonts-OFL.txt" "${FONT_LICENCE}"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\common-ground.exe" "" "$INSTDIR\common-ground.exe" 0

  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\common-ground.exe,0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$INSTDIR\common-ground.exe"
  Delete "$INSTDIR\fonts-OFL.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
