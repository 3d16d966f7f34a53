/**
 * Who must have signed an installer before SYSTEM runs it: electron-builder.yml's
 * win.signtoolOptions.publisherName, which electron-updater checks as the user at download
 * (tests/packaging/config.test.ts keeps the two the same).
 */
export const PUBLISHER_NAMES: readonly string[] = ['hallo, B.V.'];
