// An enrolment code as a person types or pastes it ("demo abcd 12", " Demo-ABCD-12 ", "demo–abcd–12")
// in the one form hallo, issues it: upper case, groups joined by one dash ("DEMO-ABCD-12", as the
// reference server's codes and the README's example look). The API compares codes exactly, so the
// agent sends this form, whether the code came from the admin view or the managed config.

// Spaces (also no-break), underscores and every kind of dash a keyboard or a mail may give.
const SEPARATORS = /[\s_\u2010-\u2015\u2212-]+/g;

export function canonicalEnrolmentCode(typed: string): string {
  return typed.replace(SEPARATORS, ' ').trim().split(' ').join('-').toUpperCase();
}
