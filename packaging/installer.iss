; Inno Setup 6 script: a per-user installer for the one-folder PyInstaller build.
;
; Build on Windows after PyInstaller (packaging\build_windows.ps1 does both):
;     iscc /DAppVersion=0.1.0 packaging\installer.iss
; Output: dist\lowres-desktop-<version>-setup.exe
;
; Per user, no administrator rights: installs into %LOCALAPPDATA%\Programs,
; shortcuts in the user's Start menu and on the user's desktop. Uninstalling
; removes only the program folder: the databases, backups, logs and settings
; in %LOCALAPPDATA%\lowres\lowres-desktop (and files the user keeps elsewhere)
; stay where they are.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "lowres-desktop"
#define AppTitle "Школы с низкими образовательными результатами"
#define AppExe "lowres-desktop.exe"

[Setup]
AppId={{6B0C7E53-3A7F-4C1B-9D0E-7A3B2C5D9E41}
AppName={#AppTitle}
AppVersion={#AppVersion}
AppVerName={#AppTitle} {#AppVersion}
AppPublisher=lowres-desktop developers
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppTitle}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 needs Windows 10 version 1809 (build 17763) or newer.
MinVersion=10.0.17763
OutputDir=..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile=app.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "russian"; MessagesFile: "compiler:Languages\Russian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\dist\lowres-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppTitle}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autoprograms}\{#AppTitle} — демонстрационная база"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppTitle}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppTitle}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself leaves inside its own folder; user data lives elsewhere and is kept.
Type: filesandordirs; Name: "{app}\__pycache__"
