import type { Catalog } from './index';

export const en: Catalog = {
  overall: {
    ok: 'All is well',
    attention: 'Needs attention',
    problem: 'There is a problem',
    offline: 'No contact with hallo,',
  },
  tray: {
    tooltip: 'hallo, – {{state}}',
    open: 'Open',
    report: 'Report a problem',
    language: 'Language',
    languageSystem: 'Same as the system',
    languageNl: 'Nederlands',
    languageEn: 'English',
    quit: 'Quit',
  },

  headline: {
    ok: 'Your computer is in good shape.',
    attention: 'Your computer needs a little attention.',
    problem: 'There is a problem with your computer.',
    offline: 'No contact with hallo,. We keep trying.',
  },
  severity: {
    ok: 'OK',
    attention: 'Attention',
    problem: 'Problem',
    unknown: 'Unknown',
  },
  check: {
    'disk-space': 'Disk space',
    memory: 'Memory',
    uptime: 'Restart',
    smart: 'Disk condition',
    battery: 'Battery',
  },

  health: {
    'disk-space': {
      ok: {
        text: 'Drive {{mount}} has enough space: {{freeGb}} GB free.',
        advice: 'Nothing to do.',
      },
      low: {
        text: 'Drive {{mount}} is filling up: {{freeGb}} GB free ({{freePercent}}%).',
        advice: 'Delete files you no longer need, such as old downloads.',
      },
      critical: {
        text: 'Drive {{mount}} is almost full: {{freeGb}} GB free ({{freePercent}}%).',
        advice: 'Delete files now or call the service desk.',
      },
    },
    memory: {
      ok: {
        text: 'There is enough free memory.',
        advice: 'Nothing to do.',
      },
      pressure: {
        text: 'Memory has been almost full for {{minutes}} minutes ({{usedPercent}}% in use).',
        advice: 'Close programs and browser tabs you are not using.',
      },
    },
    uptime: {
      ok: {
        text: 'Your computer was restarted recently.',
        advice: 'Nothing to do.',
      },
      long: {
        text: 'Your computer has not been restarted for {{days}} days.',
        advice: 'Restart your computer when it suits you. That also finishes installing updates.',
      },
    },
    smart: {
      ok: {
        text: 'Drive {{disk}} is healthy.',
        advice: 'Nothing to do.',
      },
      failing: {
        text: 'Drive {{disk}} may fail soon.',
        advice: 'Call the service desk right away. Meanwhile, keep your work online too, for example in OneDrive.',
      },
    },
    battery: {
      ok: {
        text: 'The battery is in good condition.',
        advice: 'Nothing to do.',
      },
      worn: {
        text: 'The battery is worn: it holds only {{healthPercent}}% of its original charge.',
        advice: 'Work with the charger plugged in more often, or ask the service desk for a new battery.',
      },
    },
    unknown: {
      'disk-space': {
        timeout: 'Disk space could not be checked: it took too long.',
        error: 'Disk space could not be checked: something went wrong.',
        unsupported: 'Disk space cannot be checked on this computer.',
      },
      memory: {
        timeout: 'Memory could not be checked: it took too long.',
        error: 'Memory could not be checked: something went wrong.',
        unsupported: 'Memory cannot be checked on this computer.',
      },
      uptime: {
        timeout: 'Could not find out when your computer was started: it took too long.',
        error: 'Could not find out when your computer was started: something went wrong.',
        unsupported: 'This computer cannot tell when it was started.',
      },
      smart: {
        timeout: 'The drive’s condition could not be checked: it took too long.',
        error: 'The drive’s condition could not be checked: something went wrong.',
        unsupported: 'The drive’s condition cannot be checked on this computer.',
      },
      battery: {
        timeout: 'The battery could not be checked: it took too long.',
        error: 'The battery could not be checked: something went wrong.',
        unsupported: 'The battery cannot be checked on this computer.',
      },
      advice: {
        timeout: 'We will try again shortly. Nothing to do.',
        error: 'We will try again shortly. If this stays, call the service desk.',
        unsupported: 'Nothing to do.',
      },
    },
    unrecognised: {
      text: 'There is a message about: {{check}}.',
      advice: 'Call the service desk if in doubt.',
    },
  },

  checks: {
    title: 'Checks',
    none: 'Nothing has been checked yet.',
    restOk: 'Everything else is fine',
    allOk: 'All checks are fine',
  },

  details: {
    title: 'Details',
    cpu: 'Processor',
    memory: 'Memory',
    disks: 'Drives',
    uptime: 'Time since restart',
    battery: 'Battery',
    history: 'The last hour',
    historyLabel: 'Processor and memory use over the last hour',
    noHistory: 'No measurements yet.',
    notMeasured: 'Not measured yet',
    percent: '{{value}}%',
    memoryValue: '{{used}} of {{total}} GB in use',
    diskValue: '{{free}} GB free of {{size}} GB',
    batteryValue: '{{percent}}%',
    batteryCharging: '{{percent}}%, charging',
    batteryHealth: 'Condition {{percent}}%',
    measuredAt: 'Measured at {{time}}',
  },
  duration: {
    days_one: '{{count}} day',
    days_other: '{{count}} days',
    hours_one: '{{count}} hour',
    hours_other: '{{count}} hours',
    minutes_one: '{{count}} minute',
    minutes_other: '{{count}} minutes',
    join: '{{a}} and {{b}}',
  },

  support: {
    title: 'Need help?',
    openNow: 'Service desk open now',
    closed: 'Service desk closed',
    closedUntil: 'Service desk closed, open again {{when}}',
    openNowUntil: 'Service desk open now, until {{time}}',
    phone: 'Call {{phone}}',
    email: 'Email {{email}}',
    emergency: 'Emergencies: {{phone}}',
    portal: 'Go to the portal',
    notConfigured: 'The service desk details have not arrived yet.',
  },
  when: {
    today: 'at {{time}}',
    tomorrow: 'tomorrow at {{time}}',
    weekday: 'on {{day}} at {{time}}',
    date: 'on {{date}} at {{time}}',
  },

  header: {
    deviceLoading: 'This computer',
    demo: 'Demo: not a real service desk',
  },
  banner: {
    reenroll: 'This PC must be enrolled again. Ask your IT contact.',
    openAdmin: 'Enrol',
  },
  footer: {
    refresh: 'Refresh',
    refreshing: 'Working…',
    admin: 'For administrators',
  },
  loading: {
    text: 'Checking how your computer is doing…',
    failed: 'The hallo, agent is not responding. Close this window and try again in a minute.',
  },

  admin: {
    title: 'For administrators',
    back: 'Back',
    none: '–',
    device: 'Device',
    hostname: 'Name',
    manufacturer: 'Manufacturer',
    model: 'Model',
    serial: 'Serial number',
    os: 'Operating system',
    cpu: 'Processor',
    memory: 'Memory',
    memoryValue: '{{value}} GB',
    connection: 'Connection',
    status: 'Status',
    apiUrl: 'API address',
    deviceId: 'Device ID',
    tenant: 'Customer',
    lastContact: 'Last contact',
    nextAttempt: 'Next attempt',
    lastError: 'Last error',
    config: 'Configuration',
    files: 'Files read',
    noFiles: 'No configuration file found.',
    problems: 'Problems',
    noProblems: 'No problems.',
    problemField: 'Field {{field}}',
    wholeFile: 'The whole file',
    policySource: 'Policy from',
    etag: 'Policy version (ETag)',
    app: 'Agent',
    appVersion: 'Version',
    enroll: {
      title: 'Enrol',
      intro: 'Enter the enrolment code you received from hallo,.',
      code: 'Enrolment code',
      submit: 'Enrol',
      busy: 'Enrolling…',
      done: 'This PC is enrolled.',
      tooShort: 'An enrolment code has at least 4 characters.',
    },
    language: 'Language',
  },

  connection: {
    status: {
      starting: 'Connecting',
      online: 'Connected',
      offline: 'Not connected',
      'not-enrolled': 'Not enrolled',
      reenroll: 'Must be enrolled again',
    },
    error: {
      network: 'The network or the server cannot be reached.',
      timeout: 'The server did not answer in time.',
      'http-5xx': 'The server had a failure.',
      'http-429': 'The server is too busy; we are waiting a while.',
      'http-4xx': 'The server refused the request.',
      'not-configured': 'No API address is configured.',
      'invalid-response': 'The server gave an unexpected answer.',
      unauthorized: 'The server no longer recognises this PC (401).',
      'enroll-rejected': 'The enrolment code was refused.',
      other: 'Unknown error ({{code}}).',
    },
  },
  config: {
    problem: {
      unreadable: 'The file cannot be read.',
      'invalid-json': 'The file is not valid JSON.',
      'invalid-value': 'This value is not valid.',
    },
    source: {
      api: 'the hallo, API',
      cache: 'the saved copy (offline)',
      defaults: 'the default settings',
    },
  },
  errors: {
    'invalid-request': 'That request is not right. Check what you entered.',
    forbidden: 'That is not allowed from this window.',
    unavailable: 'That is not possible right now: no contact with the hallo, agent. Try again shortly.',
    'enroll-rejected': 'This enrolment code is unknown or has expired. Check the code or ask for a new one.',
    internal: 'Something went wrong. Try again or call the service desk.',
  },
};
