import { describe, expect, it } from 'vitest';
import { readInstallerVersion, readSignature, signatureScript, signedBy, versionScript } from '../../../electron/main/machine-update/authenticode';
import { signature } from './fixtures';

describe('readSignature (Get-AuthenticodeSignature | ConvertTo-Json)', () => {
  it('a valid signature: its subject and the path PowerShell checked', () => {
    expect(readSignature(signature.hallo)).toEqual({
      valid: true,
      subject: 'CN="hallo, B.V.", O="hallo, B.V.", L=Amsterdam, C=NL',
      path: 'C:\\ProgramData\\hallo\\agent\\updates\\staging\\hallo-agent-setup.exe',
      detail: 'Signature verified.',
    });
  });

  it('an unsigned installer (recorded): not valid, no subject, Windows\' words kept for the log', () => {
    const read = readSignature(signature.notSigned);
    expect(read.valid).toBe(false);
    expect(read.subject).toBeNull();
    expect(read.detail).toMatch(/^The file .* is not digitally signed/);
  });

  it.each([
    ['nothing', ''],
    ['an error text', 'Get-AuthenticodeSignature : Cannot find path'],
    ['JSON null', 'null'],
    ['a status as text', '{"Status":"Valid","SignerCertificate":{"Subject":"CN=hallo, B.V."}}'],
    ['status 4 (NotTrusted)', '{"Status":4,"SignerCertificate":{"Subject":"CN=\\"hallo, B.V.\\""}}'],
  ])('%s is not a valid signature (it fails closed)', (_what, stdout) => {
    expect(readSignature(stdout).valid).toBe(false);
  });

  it('a UTF-8 BOM and line ends around the JSON are read past', () => {
    expect(readSignature(`\uFEFF${signature.hallo}\r\n`).valid).toBe(true);
  });
});

describe('signedBy (compared as electron-updater compares publisherName)', () => {
  const hallo = 'CN="hallo, B.V.", O="hallo, B.V.", L=Amsterdam, C=NL';
  it('a plain name is the CN, quotes and all handled (a comma in the name)', () => {
    expect(signedBy(hallo, ['hallo, B.V.'])).toBe(true);
    // Recorded subject with the same shape: electron-builder #1640.
    expect(signedBy('CN="Bark Technologies, Inc", O="Bark Technologies, Inc", L=Richmond Hill, S=Georgia, C=US', ['Bark Technologies, Inc'])).toBe(true);
  });

  it('another publisher, or a name that only contains ours, is not ours', () => {
    expect(signedBy('CN=Duplia Ltd, O=Duplia Ltd, L=Cheltenham, C=GB', ['hallo, B.V.'])).toBe(false);
    expect(signedBy('CN="hallo, B.V. fake", O=Mallory, C=NL', ['hallo, B.V.'])).toBe(false);
    expect(signedBy('CN=hallo, O="hallo, B.V.", C=NL', ['hallo, B.V.'])).toBe(false);
  });

  it('a full DN must match in every part it names', () => {
    expect(signedBy(hallo, ['CN="hallo, B.V.", C=NL'])).toBe(true);
    expect(signedBy(hallo, ['CN="hallo, B.V.", C=BE'])).toBe(false);
  });
});

describe('the scripts', () => {
  it('quote the path so that nothing in it runs (a quote is doubled inside single quotes)', () => {
    const path = "C:\\x\\it's'; Start-Process calc; '.exe";
    expect(signatureScript(path)).toContain("-LiteralPath 'C:\\x\\it''s''; Start-Process calc; ''.exe' | ConvertTo-Json -Compress");
    expect(versionScript(path)).toContain("(Get-Item -LiteralPath 'C:\\x\\it''s''; Start-Process calc; ''.exe').VersionInfo | Select-Object ProductName, ProductVersion | ConvertTo-Json -Compress");
  });
});

describe('readInstallerVersion (VersionInfo | Select-Object ProductName, ProductVersion | ConvertTo-Json)', () => {
  it('the name and version; anything else is not a version resource', () => {
    expect(readInstallerVersion('{"ProductName":"hallo, agent","ProductVersion":"0.2.0"}\r\n')).toEqual({ productName: 'hallo, agent', productVersion: '0.2.0' });
    // An exe without a version resource: PowerShell prints the two properties as null.
    expect(readInstallerVersion('{"ProductName":null,"ProductVersion":null}')).toEqual({ productName: null, productVersion: null });
    expect(readInstallerVersion('')).toBeNull();
    expect(readInstallerVersion('0.2.0')).toBeNull();
  });
});
