/**
 * Who registers `confer://` with the OS. On Windows the installers own it: the NSIS script and the
 * MSI write it and remove it on uninstall, per machine or per user as the installation is. A
 * packaged app that registered itself at run time would leave an HKCU entry behind that no
 * uninstaller removes. A development run (`electron .`) registers itself everywhere.
 */

/** True when the app should call app.setAsDefaultProtocolClient at start. */
export function registersProtocolAtRuntime(platform: string, isPackaged: boolean): boolean {
  return !(platform === 'win32' && isPackaged);
}
