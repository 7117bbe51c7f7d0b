# Build the Windows installer of lowres-desktop.
#
# Needs: 64-bit Windows 10 1809+ with Python 3.11 (python.org, 64-bit) and
# Inno Setup 6 (iscc.exe on PATH or in its default folder). Run from the
# repository root in PowerShell:
#     powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1
# Result: dist\lowres-desktop-<version>-setup.exe (and the program folder
# dist\lowres-desktop\, which also runs without installing).

$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

# 1. A clean build environment with the program and PyInstaller.
if (-not (Test-Path .build-venv)) { py -3.11 -m venv .build-venv }
.\.build-venv\Scripts\python -m pip install --upgrade pip
.\.build-venv\Scripts\python -m pip install ".[packaging]"

# 2. The version from pyproject.toml (the spec reads it too, for the exe's version resource).
$version = .\.build-venv\Scripts\python -c "import tomllib; print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])"

# 3. Freeze: one folder with lowres-desktop.exe (no console) and lowres.exe (console), icon,
#    no UPX (see packaging\lowres-desktop.spec).
.\.build-venv\Scripts\python -m PyInstaller --noconfirm --clean packaging\lowres-desktop.spec

# 4. Smoke test of the frozen programs: the command line, then every page of the demo database.
& .\dist\lowres-desktop\lowres.exe --help | Out-Host
if ($LASTEXITCODE -ne 0) { throw "the frozen lowres.exe did not start" }
$tour = Join-Path $env:TEMP "lowres-tour"
& .\dist\lowres-desktop\lowres-desktop.exe --demo --tour $tour | Out-Host
if (-not (Test-Path (Join-Path $tour "01_schools.png"))) { throw "the frozen program did not start" }

# 5. The installer (per user, no administrator rights).
$iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $iscc "/DAppVersion=$version" packaging\installer.iss
Write-Host "Installer: dist\lowres-desktop-$version-setup.exe"
