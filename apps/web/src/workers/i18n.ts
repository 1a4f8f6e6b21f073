import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

// The worker pages' translations: one folder per language under src/locales/<language>/, a JSON
// file per page group, which a translator edits without touching code. A new folder is a new
// language (its name a BCP 47 tag, e.g. zh-Hans); it is offered in the language menu by its own name.
const files = import.meta.glob<Record<string, unknown>>('../locales/*/workers.json', {
  eager: true,
  import: 'default',
});

const resources = Object.fromEntries(
  Object.entries(files).map(([path, workers]) => [path.split('/').at(-2)!, { workers }]),
);

export const LANGUAGES = Object.keys(resources).sort();

/** Each language by its own name, as a reader of it looks for it. */
export const languageName = (language: string): string =>
  new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;

const CHOSEN = 'pj.workers.language';

/**
 * The language the worker chose before on this device, else the first of the browser's languages
 * we have (`es-MX` finds `es`; `zh-CN` and `zh-SG` find `zh-Hans`), else English.
 */
export function initialLanguage(): string {
  const chosen = localStorage.getItem(CHOSEN);
  if (chosen && LANGUAGES.includes(chosen)) return chosen;
  for (const wanted of navigator.languages) {
    const tag = new Intl.Locale(wanted).maximize();
    const found =
      LANGUAGES.find((language) => language.toLowerCase() === wanted.toLowerCase()) ??
      LANGUAGES.find((language) => language === `${tag.language}-${tag.script}`) ??
      LANGUAGES.find((language) => language === tag.language);
    if (found) return found;
  }
  return 'en';
}

export const workersI18n = i18next.createInstance();
void workersI18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'en',
  defaultNS: 'workers',
  interpolation: { escapeValue: false },
});

/** Switches the pages' language and remembers the choice on this device (nothing else is kept). */
export function chooseLanguage(language: string): void {
  localStorage.setItem(CHOSEN, language);
  void workersI18n.changeLanguage(language);
}
