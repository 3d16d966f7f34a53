// The Dutch catalog: the default language. Keys are shared with en.ts (checked by a test).
// Plain words for employees: short sentences, no jargon, say what to do next. We say "je".
// Placeholders ({{name}}) are filled with values already formatted for the language.
export const nl = {
  overall: {
    ok: 'Alles in orde',
    attention: 'Let op',
    problem: 'Er is een probleem',
    offline: 'Geen contact met hallo,',
  },
  tray: {
    tooltip: 'hallo, – {{state}}',
    open: 'Openen',
    report: 'Meld een probleem',
    language: 'Taal',
    languageSystem: 'Zoals het systeem',
    languageNl: 'Nederlands',
    languageEn: 'English',
    quit: 'Afsluiten',
  },

  // One plain sentence per overall state: the popup's headline.
  headline: {
    ok: 'Je computer is in orde.',
    attention: 'Je computer heeft even aandacht nodig.',
    problem: 'Er is een probleem met je computer.',
    offline: 'Geen contact met hallo,. We proberen het steeds opnieuw.',
  },
  severity: {
    ok: 'In orde',
    attention: 'Let op',
    problem: 'Probleem',
    unknown: 'Onbekend',
  },
  check: {
    'disk-space': 'Schijfruimte',
    memory: 'Geheugen',
    uptime: 'Herstarten',
    smart: 'Schijfconditie',
    battery: 'Accu',
  },

  // Status items: `<code>.text` says what it means, `<code>.advice` what to do next.
  health: {
    'disk-space': {
      ok: {
        text: 'Schijf {{mount}} heeft genoeg ruimte: nog {{freeGb}} GB vrij.',
        advice: 'Je hoeft niets te doen.',
      },
      low: {
        text: 'Schijf {{mount}} raakt vol: nog {{freeGb}} GB vrij ({{freePercent}} %).',
        advice: 'Ruim bestanden op die je niet meer nodig hebt, zoals oude downloads.',
      },
      critical: {
        text: 'Schijf {{mount}} is bijna vol: nog {{freeGb}} GB vrij ({{freePercent}} %).',
        advice: 'Ruim nu bestanden op of bel de servicedesk.',
      },
    },
    memory: {
      ok: {
        text: 'Er is genoeg werkgeheugen vrij.',
        advice: 'Je hoeft niets te doen.',
      },
      pressure: {
        text: 'Het werkgeheugen is al {{minutes}} minuten bijna vol ({{usedPercent}} % in gebruik).',
        advice: 'Sluit programma’s en tabbladen die je niet gebruikt.',
      },
    },
    uptime: {
      ok: {
        text: 'Je computer is kort geleden nog opnieuw opgestart.',
        advice: 'Je hoeft niets te doen.',
      },
      long: {
        text: 'Je computer is al {{days}} dagen niet opnieuw opgestart.',
        advice: 'Start je computer opnieuw als het je uitkomt. Dan worden updates ook afgemaakt.',
      },
    },
    smart: {
      ok: {
        text: 'Schijf {{disk}} is gezond.',
        advice: 'Je hoeft niets te doen.',
      },
      failing: {
        text: 'Schijf {{disk}} gaat mogelijk binnenkort kapot.',
        advice: 'Bel meteen de servicedesk. Bewaar je werk intussen ook online, bijvoorbeeld in OneDrive.',
      },
    },
    battery: {
      ok: {
        text: 'De accu is in goede staat.',
        advice: 'Je hoeft niets te doen.',
      },
      worn: {
        text: 'De accu is versleten: hij kan nog {{healthPercent}} % van zijn oorspronkelijke lading vasthouden.',
        advice: 'Werk vaker met de lader aangesloten, of vraag de servicedesk om een nieuwe accu.',
      },
    },
    // A probe that failed: which check, and why, in plain words.
    unknown: {
      'disk-space': {
        timeout: 'De schijfruimte kon niet worden gecontroleerd: dat duurde te lang.',
        error: 'De schijfruimte kon niet worden gecontroleerd: er ging iets mis.',
        unsupported: 'De schijfruimte kan op deze computer niet worden gecontroleerd.',
      },
      memory: {
        timeout: 'Het werkgeheugen kon niet worden gecontroleerd: dat duurde te lang.',
        error: 'Het werkgeheugen kon niet worden gecontroleerd: er ging iets mis.',
        unsupported: 'Het werkgeheugen kan op deze computer niet worden gecontroleerd.',
      },
      uptime: {
        timeout: 'Niet gelukt om na te gaan wanneer je computer is opgestart: dat duurde te lang.',
        error: 'Niet gelukt om na te gaan wanneer je computer is opgestart: er ging iets mis.',
        unsupported: 'Op deze computer is niet na te gaan wanneer hij is opgestart.',
      },
      smart: {
        timeout: 'De conditie van de schijf kon niet worden gecontroleerd: dat duurde te lang.',
        error: 'De conditie van de schijf kon niet worden gecontroleerd: er ging iets mis.',
        unsupported: 'De conditie van de schijf kan op deze computer niet worden gecontroleerd.',
      },
      battery: {
        timeout: 'De accu kon niet worden gecontroleerd: dat duurde te lang.',
        error: 'De accu kon niet worden gecontroleerd: er ging iets mis.',
        unsupported: 'De accu kan op deze computer niet worden gecontroleerd.',
      },
      advice: {
        timeout: 'We proberen het zo opnieuw. Je hoeft niets te doen.',
        error: 'We proberen het zo opnieuw. Blijft dit zo, bel dan de servicedesk.',
        unsupported: 'Je hoeft niets te doen.',
      },
    },
    // A code this version does not know yet (a newer agent): say so rather than show nothing.
    unrecognised: {
      text: 'Er is een melding over: {{check}}.',
      advice: 'Bel de servicedesk als je twijfelt.',
    },
  },

  checks: {
    title: 'Controles',
    none: 'Er is nog niets gecontroleerd.',
    restOk: 'Al het andere is in orde',
    allOk: 'Alle controles zijn in orde',
  },

  details: {
    title: 'Details',
    cpu: 'Processor',
    memory: 'Geheugen',
    disks: 'Schijven',
    uptime: 'Tijd sinds herstart',
    battery: 'Accu',
    history: 'Het afgelopen uur',
    historyLabel: 'Processor- en geheugengebruik in het afgelopen uur',
    noHistory: 'Nog geen metingen.',
    notMeasured: 'Nog niet gemeten',
    percent: '{{value}} %',
    memoryValue: '{{used}} van {{total}} GB in gebruik',
    diskValue: '{{free}} GB vrij van {{size}} GB',
    batteryValue: '{{percent}} %',
    batteryCharging: '{{percent}} %, wordt opgeladen',
    batteryHealth: 'Conditie {{percent}} %',
    measuredAt: 'Gemeten om {{time}}',
  },
  duration: {
    days_one: '{{count}} dag',
    days_other: '{{count}} dagen',
    hours_one: '{{count}} uur',
    hours_other: '{{count}} uur',
    minutes_one: '{{count}} minuut',
    minutes_other: '{{count}} minuten',
    join: '{{a}} en {{b}}',
  },

  support: {
    title: 'Hulp nodig?',
    openNow: 'Servicedesk nu open',
    closed: 'Servicedesk gesloten',
    closedUntil: 'Servicedesk gesloten, weer open {{when}}',
    openNowUntil: 'Servicedesk nu open, tot {{time}}',
    phone: 'Bel {{phone}}',
    email: 'Mail {{email}}',
    emergency: 'Calamiteiten: {{phone}}',
    portal: 'Naar het portaal',
    notConfigured: 'De gegevens van de servicedesk zijn nog niet binnen.',
  },
  when: {
    today: 'om {{time}}',
    tomorrow: 'morgen om {{time}}',
    weekday: '{{day}} om {{time}}',
    date: '{{date}} om {{time}}',
  },

  header: {
    deviceLoading: 'Deze computer',
    demo: 'Demo: geen echte servicedesk',
  },
  banner: {
    reenroll: 'Deze pc moet opnieuw worden aangemeld. Vraag je IT-contactpersoon.',
    openAdmin: 'Aanmelden',
  },
  footer: {
    refresh: 'Vernieuwen',
    refreshing: 'Bezig…',
    admin: 'Voor beheerders',
  },
  loading: {
    text: 'Even kijken hoe je computer ervoor staat…',
    failed: 'De hallo, agent reageert niet. Sluit dit venster en probeer het over een minuut opnieuw.',
  },

  admin: {
    title: 'Voor beheerders',
    back: 'Terug',
    none: '–',
    device: 'Apparaat',
    hostname: 'Naam',
    manufacturer: 'Fabrikant',
    model: 'Model',
    serial: 'Serienummer',
    os: 'Besturingssysteem',
    cpu: 'Processor',
    memory: 'Geheugen',
    memoryValue: '{{value}} GB',
    connection: 'Verbinding',
    status: 'Status',
    apiUrl: 'API-adres',
    deviceId: 'Apparaat-ID',
    tenant: 'Klant',
    lastContact: 'Laatste contact',
    nextAttempt: 'Volgende poging',
    lastError: 'Laatste fout',
    config: 'Configuratie',
    files: 'Gelezen bestanden',
    noFiles: 'Geen configuratiebestand gevonden.',
    problems: 'Problemen',
    noProblems: 'Geen problemen.',
    problemField: 'Veld {{field}}',
    wholeFile: 'Het hele bestand',
    policySource: 'Beleid uit',
    etag: 'Beleidsversie (ETag)',
    app: 'Agent',
    appVersion: 'Versie',
    enroll: {
      title: 'Aanmelden',
      intro: 'Vul de aanmeldcode in die je van hallo, hebt gekregen.',
      code: 'Aanmeldcode',
      submit: 'Aanmelden',
      busy: 'Bezig met aanmelden…',
      done: 'Deze pc is aangemeld.',
      tooShort: 'Een aanmeldcode heeft minstens 4 tekens.',
    },
    language: 'Taal',
  },

  connection: {
    status: {
      starting: 'Bezig met verbinden',
      online: 'Verbonden',
      offline: 'Geen verbinding',
      'not-enrolled': 'Niet aangemeld',
      reenroll: 'Moet opnieuw worden aangemeld',
    },
    // For admins: why the last call to the hallo, API failed.
    error: {
      network: 'Het netwerk of de server is niet bereikbaar.',
      timeout: 'De server antwoordde niet op tijd.',
      'http-5xx': 'De server had een storing.',
      'http-429': 'De server is te druk; we wachten even.',
      'http-4xx': 'De server weigerde het verzoek.',
      'not-configured': 'Er is geen API-adres ingesteld.',
      'invalid-response': 'De server gaf een onverwacht antwoord.',
      unauthorized: 'De server herkent deze pc niet meer (401).',
      'enroll-rejected': 'De aanmeldcode werd geweigerd.',
      other: 'Onbekende fout ({{code}}).',
    },
  },
  config: {
    problem: {
      unreadable: 'Het bestand kan niet worden gelezen.',
      'invalid-json': 'Het bestand is geen geldige JSON.',
      'invalid-value': 'Deze waarde is niet geldig.',
    },
    source: {
      api: 'de hallo, API',
      cache: 'de opgeslagen kopie (offline)',
      defaults: 'de standaardinstellingen',
    },
  },
  // Why an action failed, for whoever pressed the button.
  errors: {
    'invalid-request': 'Dat verzoek klopt niet. Controleer wat je hebt ingevuld.',
    forbidden: 'Dat mag vanuit dit venster niet.',
    unavailable: 'Dat lukt nu niet: geen contact met de hallo, agent. Probeer het zo opnieuw.',
    'enroll-rejected': 'Deze aanmeldcode is onbekend of verlopen. Controleer de code of vraag een nieuwe aan.',
    internal: 'Er ging iets mis. Probeer het opnieuw of bel de servicedesk.',
  },
};
