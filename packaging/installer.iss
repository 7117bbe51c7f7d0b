; Inno Setup 6 script: a per-user installer for the one-folder PyInstaller build.
;
; Build on Windows after PyInstaller (packaging\build_windows.ps1 does both):
;     iscc /DAppVersion=0.1.0 packaging\installer.iss
; Output: dist\lowres-desktop-<version>-setup.exe
;
; Per user, no administrator rights: installs into %LOCALAPPDATA%\Programs,
; shortcuts in the user's Start menu and on the user's desktop. The folder holds
; both programs of the spec: lowres-desktop.exe (the window) and lowres.exe (the
; command line); a task offers to add the folder to the user's PATH, so that
; `lowres` works in any console, and uninstalling takes it out again.
; Uninstalling removes only the program folder: the databases, backups and log
; in %LOCALAPPDATA%\lowres\lowres-desktop, the settings in the registry
; (HKCU\Software\lowres\lowres-desktop) and files the user keeps elsewhere
; stay where they are.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "lowres-desktop"
#define AppTitle "Школы с низкими образовательными результатами"
#define AppExe "lowres-desktop.exe"
#define CliExe "lowres.exe"

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
; The PATH task changes the user's environment: tell running programs (Explorer) about it.
ChangesEnvironment=yes

[Languages]
Name: "russian"; MessagesFile: "compiler:Languages\Russian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "addtopath"; Description: "Добавить папку программы в PATH (команда lowres в командной строке)"; GroupDescription: "Командная строка:"; Flags: unchecked

[Files]
Source: "..\dist\lowres-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade gets the new build's _internal folder and nothing else: files that only the old
; build had (a Qt plugin, a DLL of an older PySide6) would otherwise stay beside the new ones,
; and Qt loads every plugin it finds. Only the build's own files live there.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppTitle}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autoprograms}\{#AppTitle} — демонстрационная база"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"; WorkingDir: "{app}"
Name: "{autoprograms}\{#AppTitle} — командная строка"; Filename: "{cmd}"; Parameters: "/k ""{app}\{#CliExe}"" --help"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\{#AppTitle}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppTitle}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself leaves inside its own folder; user data lives elsewhere and is kept.
Type: filesandordirs; Name: "{app}\__pycache__"

[Code]
const
  EnvironmentKey = 'Environment';

function PathPosition(Paths, Dir: string): Integer;
begin
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Paths) + ';');
end;

procedure AddToPath(Dir: string);
var
  Paths: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, EnvironmentKey, 'Path', Paths) then
    Paths := '';
  if PathPosition(Paths, Dir) > 0 then
    exit;
  if Paths = '' then
    Paths := Dir
  else
    Paths := Paths + ';' + Dir;
  RegWriteExpandStringValue(HKEY_CURRENT_USER, EnvironmentKey, 'Path', Paths);
end;

procedure RemoveFromPath(Dir: string);
var
  Paths: string;
  Position: Integer;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, EnvironmentKey, 'Path', Paths) then
    exit;
  Position := PathPosition(Paths, Dir);
  if Position = 0 then
    exit;
  Paths := ';' + Paths + ';';
  Delete(Paths, Position, Length(Dir) + 1);
  Paths := Copy(Paths, 2, Length(Paths) - 2);
  RegWriteExpandStringValue(HKEY_CURRENT_USER, EnvironmentKey, 'Path', Paths);
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if (CurStep = ssPostInstall) and WizardIsTaskSelected('addtopath') then
    AddToPath(ExpandConstant('{app}'));
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
    RemoveFromPath(ExpandConstant('{app}'));
end;
