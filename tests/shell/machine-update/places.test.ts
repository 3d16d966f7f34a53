import { describe, expect, it } from 'vitest';
import { profileInbox, systemDirs, userInbox } from '../../../electron/main/machine-update/places';

describe('where the user leaves the installer, and where SYSTEM looks', () => {
  it("the same folder: the user's %LOCALAPPDATA%, found by SYSTEM under the profile", () => {
    expect(userInbox({ LOCALAPPDATA: 'C:\\Users\\anna\\AppData\\Local' })).toBe('C:\\Users\\anna\\AppData\\Local\\hallo\\agent-update-inbox');
    expect(profileInbox('C:\\Users\\anna')).toBe(userInbox({ LOCALAPPDATA: 'C:\\Users\\anna\\AppData\\Local' }));
    expect(userInbox({ USERPROFILE: 'C:\\Users\\anna' })).toBe(profileInbox('C:\\Users\\anna'));
  });

  it("SYSTEM's own folder is in its profile (not ProgramData, not C:\\Windows\\Temp); the profiles on the system drive", () => {
    expect(systemDirs({ SystemRoot: 'D:\\Windows', SystemDrive: 'D:' })).toEqual({
      profiles: 'D:\\Users',
      staging: 'D:\\Windows\\System32\\config\\systemprofile\\AppData\\Local\\hallo\\agent-update',
      log: 'D:\\Windows\\System32\\config\\systemprofile\\AppData\\Local\\hallo\\agent-update\\task.log',
    });
    expect(systemDirs({ SystemDrive: 'C:\\evil' }).profiles).toBe('C:\\Users');
  });
});
