#!/usr/bin/env pwsh
# Slipway bootstrap: find dotnet, compile the build only when its sources changed, run it.
#   ./build.ps1 [targets…] [--options…]      (./build.ps1 --help lists targets and parameters)
$ErrorActionPreference = 'Stop'
$Root = $PSScriptRoot
$Temp = Join-Path $Root '.nuke/temp'
$Bin = Join-Path $Temp 'bin'
$StampFile = Join-Path $Temp 'build.ps1.stamp'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'; $env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

function Fail($message) { Write-Error "build.ps1: $message"; exit 1 }

function Find-Dotnet {
    $command = Get-Command dotnet -ErrorAction SilentlyContinue
    if ($command) { return $command.Source }
    foreach ($candidate in @("$env:DOTNET_ROOT/dotnet", "$env:DOTNET_ROOT/dotnet.exe", "$HOME/.dotnet/dotnet", "$HOME/.dotnet/dotnet.exe")) {
        if ($env:DOTNET_ROOT -or $candidate -like "$HOME*") { if (Test-Path $candidate) { return $candidate } }
    }
    Fail 'dotnet was not found on PATH, in $DOTNET_ROOT or in ~/.dotnet. Install the .NET SDK named in global.json.'
}

# A hash of everything the build is compiled from (its generated launch profiles excluded).
function Get-Stamp {
    $folders = @('build', 'src/Slipway.Engine', 'src/Slipway.Delivery', 'src/Slipway.LocalStack',
        'charts/slipway-component')
    # A repository that adopted Slipway has only some of these: its build takes Slipway as packages.
    $files = $folders | Where-Object { Test-Path (Join-Path $Root $_) } | ForEach-Object {
        $patterns = '*.cs', '*.csproj', '*.props', '*.targets', '*.sh', '*.go', '*.yaml', '*.tpl'
        Get-ChildItem (Join-Path $Root $_) -Recurse -File -Include $patterns |
            Where-Object { $_.FullName -notmatch '[\\/](bin|obj|Properties)[\\/]' }
    }
    $files += @('global.json', 'Directory.Build.props', 'nuget.config', 'src/Packaging.props') |
        Where-Object { Test-Path (Join-Path $Root $_) } | ForEach-Object { Get-Item (Join-Path $Root $_) }
    $lines = $files | Sort-Object { [System.IO.Path]::GetRelativePath($Root, $_.FullName).Replace('\', '/') } |
        ForEach-Object { (Get-FileHash $_.FullName -Algorithm SHA256).Hash + ' ' + [System.IO.Path]::GetRelativePath($Root, $_.FullName).Replace('\', '/') }
    $bytes = [System.Text.Encoding]::UTF8.GetBytes(($lines -join "`n"))
    return [System.BitConverter]::ToString([System.Security.Cryptography.SHA256]::Create().ComputeHash($bytes)).Replace('-', '')
}

function Test-Sdk($dotnet) {
    if (-not (Test-Path (Join-Path $Root 'global.json'))) { return }  # none yet (a repository adopting Slipway)
    $wanted = (Get-Content (Join-Path $Root 'global.json') -Raw | ConvertFrom-Json).sdk.version
    $parts = $wanted.Split('.'); $majorMinor = "$($parts[0]).$($parts[1])"; $band = [int]$parts[2]
    $installed = & $dotnet --list-sdks | ForEach-Object { $_.Split(' ')[0] }
    foreach ($version in $installed) {
        $v = $version.Split('.')
        if ("$($v[0]).$($v[1])" -eq $majorMinor -and $v[2] -match '^\d+$' -and [int]$v[2] -ge $band) { return }
    }
    Fail "global.json needs .NET SDK $majorMinor.x (at least $wanted); found: $($installed -join ', '). Install it, or point DOTNET_ROOT at one."
}

$dotnet = Find-Dotnet
$current = Get-Stamp
$dll = Join-Path $Bin '_build.dll'
if (-not (Test-Path $StampFile) -or (Get-Content $StampFile -Raw).Trim() -ne $current -or -not (Test-Path $dll)) {
    Test-Sdk $dotnet
    New-Item -ItemType Directory -Force -Path $Temp | Out-Null
    Write-Host 'Compiling the build (build/ or src/Slipway.* changed)…'
    $log = Join-Path $Temp 'build-compile.log'
    $project = Join-Path $Root 'build/_build.csproj'
    # SlipwayBootstrap keeps this compile's obj/ and bin/ in .nuke/temp (Directory.Build.props), apart from IDE and test builds.
    $common = @('--nologo', '-v', 'quiet', '-clp:ErrorsOnly', '-p:UseSharedCompilation=false', '-p:SlipwayBootstrap=true')
    $rid = (& $dotnet --info | Where-Object { $_ -match '^\s*RID:\s*(\S+)' } | ForEach-Object { $Matches[1] } | Select-Object -First 1)
    # ReadyToRun (precompiled) starts faster than JIT; it needs the SDK's crossgen package, else a plain build is used.
    # A fresh output folder, swapped in whole: copying over the old one keeps a package's file when the new version's
    # is older on disk (NuGet keeps archive dates), and would rewrite files a running build has mapped.
    $next = "$Bin.next"
    Remove-Item $next -Recurse -Force -ErrorAction SilentlyContinue
    $readyToRun = $false
    if ($rid) {
        & $dotnet restore $project -r $rid -p:PublishReadyToRun=true @common *> $log
        $readyToRun = $LASTEXITCODE -eq 0
    }
    # crossgen skips an assembly whose precompiled copy is newer than it; NuGet keeps archive dates, so after a package
    # change the old version's precompiled copy would be published: when the restored packages change, start afresh.
    $obj = Join-Path $Temp 'bootstrap/obj'
    $packagesStamp = Join-Path $Temp 'bootstrap/packages.stamp'
    $assets = Get-ChildItem -Path $obj -Filter project.assets.json -Recurse -Depth 1 -ErrorAction SilentlyContinue
    $packages = ($assets | Get-FileHash -Algorithm SHA256 | ForEach-Object Hash) -join ''
    if (-not (Test-Path $packagesStamp) -or (Get-Content $packagesStamp) -ne $packages) {
        Get-ChildItem -Path $obj -Directory -Recurse -Filter R2R -ErrorAction SilentlyContinue | Remove-Item -Recurse -Force
        Set-Content -Path $packagesStamp -Value $packages
    }
    if ($readyToRun) {
        & $dotnet publish $project --no-restore -r $rid --self-contained false -p:PublishReadyToRun=true --output $next @common *> $log
        Remove-Item (Join-Path $Temp 'build-compile-r2r.log') -ErrorAction SilentlyContinue
    } else {
        if (Test-Path $log) { Copy-Item $log (Join-Path $Temp 'build-compile-r2r.log') }
        Write-Host "ReadyToRun is unavailable (no crossgen package for $rid; .nuke/temp/build-compile-r2r.log): compiling without it."
        & $dotnet build $project --output $next @common *> $log
    }
    if ($LASTEXITCODE -ne 0) { Get-Content $log | Write-Host; Fail 'compiling build/_build.csproj failed (full log: .nuke/temp/build-compile.log).' }
    Remove-Item "$Bin.old" -Recurse -Force -ErrorAction SilentlyContinue
    if (Test-Path $Bin) { Move-Item $Bin "$Bin.old" }
    Move-Item $next $Bin
    Set-Content -Path $StampFile -Value $current
}
& $dotnet $dll @args
exit $LASTEXITCODE
