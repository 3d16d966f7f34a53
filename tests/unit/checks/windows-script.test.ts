import { describe, expect, it } from 'vitest';
import { PART_DEADLINE_MS, WINDOWS_CHECKS_SCRIPT, WINDOWS_PARTS, windowsChecksScript } from '../../../electron/agent/checks/windows-script';

// There is no PowerShell on the machines that run these tests: what can be checked of the script
// without running it. The source's tests run it against the stand-in (tests/doubles/powershell-stand-in.mjs).

const codeBlocks = (script: string) => [...script.matchAll(/^\$code\['([^']+)'\] = @'\n([\s\S]*?)\n'@$/gm)].map((m) => ({ part: m[1]!, code: m[2]! }));

describe('the Windows checks script', () => {
  it('runs every part, each with its own code and its own deadline', () => {
    expect(WINDOWS_CHECKS_SCRIPT.split('\n')[0]).toBe(`$parts = @(${WINDOWS_PARTS.map((p) => `'${p}'`).join(', ')})`);
    expect(codeBlocks(WINDOWS_CHECKS_SCRIPT).map((b) => b.part)).toEqual([...WINDOWS_PARTS]);
    for (const part of WINDOWS_PARTS) expect(WINDOWS_CHECKS_SCRIPT).toContain(`'${part}' = ${PART_DEADLINE_MS[part]}`);
  });

  it('bounds every part in a runspace of its own, waited for only until its deadline, and stops a late one without waiting', () => {
    expect(WINDOWS_CHECKS_SCRIPT).toContain('CreateRunspacePool(');
    expect(WINDOWS_CHECKS_SCRIPT).toContain('$ps.BeginInvoke()');
    expect(WINDOWS_CHECKS_SCRIPT).toMatch(/AsyncWaitHandle\.WaitOne\(\[int\]\$left\)/);
    expect(WINDOWS_CHECKS_SCRIPT).toContain("error = 'timeout'");
    expect(WINDOWS_CHECKS_SCRIPT).toContain('BeginStop($null, $null)');
    expect(WINDOWS_CHECKS_SCRIPT).not.toMatch(/\.Stop\(\)|\.Close\(\)|EndStop/); // each could wait for a stuck call
    for (const part of WINDOWS_PARTS) expect(PART_DEADLINE_MS[part]).toBeGreaterThan(0);
  });

  it('prints one JSON document and nothing else: the last statement, and no part writes to the host’s output', () => {
    const lines = WINDOWS_CHECKS_SCRIPT.trim().split('\n');
    expect(lines.at(-1)).toBe('ConvertTo-Json -InputObject ([ordered]@{ schema = 1; parts = $result }) -Depth 8 -Compress');
    expect(WINDOWS_CHECKS_SCRIPT.match(/ConvertTo-Json/g)).toHaveLength(1);
    expect(WINDOWS_CHECKS_SCRIPT).not.toMatch(/Write-Host|Write-Output|\[Console\]::/);
  });

  it('keeps each part’s code whole inside its here-string (no line of it ends the string early)', () => {
    for (const { part, code } of codeBlocks(WINDOWS_CHECKS_SCRIPT)) {
      expect(code, part).not.toMatch(/^'@/m);
      expect(code.trim(), part).not.toBe('');
    }
    expect(WINDOWS_CHECKS_SCRIPT.match(/@'$/gm)).toHaveLength(WINDOWS_PARTS.length);
    expect(WINDOWS_CHECKS_SCRIPT.match(/^'@$/gm)).toHaveLength(WINDOWS_PARTS.length);
  });

  it('reads the firewall in effect (the active store, Group Policy included) and BitLocker without admin rights first', () => {
    expect(WINDOWS_CHECKS_SCRIPT).toContain('Get-NetFirewallProfile -PolicyStore ActiveStore');
    expect(WINDOWS_CHECKS_SCRIPT).toContain("ExtendedProperty('System.Volume.BitLockerProtection')");
    expect(WINDOWS_CHECKS_SCRIPT).toMatch(/IsInRole\([^)]*Administrator\)\) \{\s+try \{\s+\$volumes = @\(Get-CimInstance[^\n]*Win32_EncryptableVolume/);
  });

  it('runs only the parts asked for, in one order, each once', () => {
    const script = windowsChecksScript(['c2r-config', 'firewall-profile', 'c2r-config']);
    expect(script.split('\n')[0]).toBe("$parts = @('firewall-profile', 'c2r-config')");
    expect(codeBlocks(script).map((b) => b.part)).toEqual(['firewall-profile', 'c2r-config']);
    expect(script).not.toContain('Get-MpComputerStatus');
  });

  it('writes no template slip into the PowerShell (an interpolation, or undefined where a part’s code should be)', () => {
    expect(WINDOWS_CHECKS_SCRIPT).not.toMatch(/undefined|\[object Object\]/);
  });
});
