// systeminformation's index requires all 23 of its modules (graphics, wifi, docker, bluetooth and
// its vendor table, ...) at once. The agent imports the few it calls one by one, by path; the
// package types only its index, so each path is typed here from it (pinned at 5.33.23: a new
// version may move a function between modules, which tests/integration/health-real.test.ts and
// start-modules.test.ts catch on this machine).
declare module 'systeminformation/lib/memory.js' { import type si from 'systeminformation'; const memory: Pick<typeof si, 'mem'>; export default memory; }
declare module 'systeminformation/lib/filesystem.js' { import type si from 'systeminformation'; const filesystem: Pick<typeof si, 'fsSize' | 'blockDevices' | 'diskLayout'>; export default filesystem; }
declare module 'systeminformation/lib/battery.js' { import type si from 'systeminformation'; const battery: (typeof si)['battery']; export default battery; }
declare module 'systeminformation/lib/osinfo.js' { import type si from 'systeminformation'; const osinfo: Pick<typeof si, 'osInfo'>; export default osinfo; }
declare module 'systeminformation/lib/system.js' { import type si from 'systeminformation'; const system: Pick<typeof si, 'system'>; export default system; }
declare module 'systeminformation/lib/cpu.js' { import type si from 'systeminformation'; const cpu: Pick<typeof si, 'cpu'>; export default cpu; }
declare module 'systeminformation/lib/processes.js' { import type si from 'systeminformation'; const processes: Pick<typeof si, 'processes'>; export default processes; }
