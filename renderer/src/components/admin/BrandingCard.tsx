import { useTranslation } from 'react-i18next';
import type { BrandingState, Language } from '../../../../electron/contract';

/**
 * The customer's look and links as the agent took them from the policy (state.branding), and what
 * it left out and why: the admin sees why hallo,'s own logo or colour shows.
 */
export function BrandingCard({ branding, language }: { branding: BrandingState; language: Language }) {
  const { t } = useTranslation();
  const { accentColor, logo, links, problems } = branding;
  return (
    <section className="card" aria-labelledby="admin-branding">
      <h2 id="admin-branding">{t('branding.title')}</h2>
      <dl className="fields">
        <div className="field">
          <dt>{t('branding.accent')}</dt>
          <dd>{accentColor ? <code className="code">{accentColor}</code> : t('branding.ownAccent')}</dd>
        </div>
        <div className="field">
          <dt>{t('branding.logo')}</dt>
          <dd>{logo ? t('branding.logoSize', { width: logo.width, height: logo.height }) : t('branding.ownLogo')}</dd>
        </div>
        <div className="field">
          <dt>{t('branding.linkList')}</dt>
          <dd>
            {links.length === 0
              ? t('branding.noLinks')
              : links.map((link) => (
                  <div key={link.id}>
                    {link.label[language]} ({t(`branding.where.${link.where}`)}) <code className="code block">{link.url}</code>
                  </div>
                ))}
          </dd>
        </div>
      </dl>
      <h3 className="subheading">{t('branding.problems')}</h3>
      {problems.length === 0 ? (
        <p className="muted small">{t('branding.noProblems')}</p>
      ) : (
        <ul className="problems">
          {problems.map((problem, index) => (
            <li key={`${problem.field}:${index}`} className="problem">
              <span>{t('admin.problemField', { field: problem.field })}: </span>
              <span>{t(`branding.problem.${problem.code}`)}</span>
              <code className="code block">{problem.detail}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
