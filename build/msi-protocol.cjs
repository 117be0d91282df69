// electron-builder's msiProjectCreated hook (electron-builder.yml): adds the confer:// protocol to
// the generated WiX project. electron-builder's `protocols` covers macOS and Linux only. As an MSI
// component the keys are removed on uninstall; HKMU puts them in HKLM for a per-machine
// installation and in HKCU for a per-user one.
'use strict';
// electron-builder loads hooks with require(), so this file is CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readFile, writeFile } = require('node:fs/promises');

/** A fixed GUID: the same component in every version, so upgrades replace rather than duplicate it. */
const COMPONENT_GUID = '6c1d7a53-1f4e-4c9b-9a55-3f0e2b7d8a41';

const COMPONENT = `
      <Component Id="ConferUrlProtocol" Guid="${COMPONENT_GUID}">
        <RegistryKey Root="HKMU" Key="Software\\Classes\\confer">
          <RegistryValue Type="string" Value="URL:Confer room link" KeyPath="yes"/>
          <RegistryValue Type="string" Name="URL Protocol" Value=""/>
          <RegistryValue Type="string" Key="DefaultIcon" Value="[#mainExecutable],0"/>
          <RegistryValue Type="string" Key="shell\\open\\command" Value="&quot;[#mainExecutable]&quot; &quot;%1&quot;"/>
        </RegistryKey>
      </Component>
    `;

/** The project with the protocol component added to the product's components; throws, changing nothing, when the project is not as expected. */
function addProtocolComponent(wxs) {
  if (typeof wxs !== 'string') throw new TypeError('msi-protocol: the WiX project must be text');
  if (wxs.includes('Id="ConferUrlProtocol"')) return wxs;
  const end = wxs.indexOf('</ComponentGroup>');
  if (end < 0 || wxs.indexOf('<ComponentGroup Id="ProductComponents"') < 0) {
    throw new Error('msi-protocol: no ProductComponents group in the WiX project (electron-builder template changed?)');
  }
  if (!wxs.includes('Id="mainExecutable"')) throw new Error('msi-protocol: no mainExecutable file in the WiX project');
  return wxs.slice(0, end) + COMPONENT + wxs.slice(end);
}

/** The hook: electron-builder passes the path of the .wxs file before it is compiled. */
module.exports = async function msiProjectCreated(projectFile) {
  const wxs = await readFile(projectFile, 'utf8');
  await writeFile(projectFile, addProtocolComponent(wxs));
};
module.exports.addProtocolComponent = addProtocolComponent;
