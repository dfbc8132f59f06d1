import { createInstance, type LanguageDetectorModule } from "i18next";
import FetchBackend from "i18next-fetch-backend";
import { initReactI18next } from "react-i18next";

import { environment, joinPath } from "./environment";

type KeyValue = { key: string; value: string };

const keycloakLanguageDetector: LanguageDetectorModule = {
  type: "languageDetector",
  detect() {
    return environment.locale;
  },
};

/**
 * The account theme's message bundles, as the stock console loads them: Keycloak's own texts and
 * this theme's (theme/legacy-auth/account/messages) in one list.
 */
export const i18n = createInstance({
  fallbackLng: "en",
  nsSeparator: false,
  interpolation: { escapeValue: false },
  backend: {
    loadPath: joinPath(environment.serverBaseUrl, `resources/${environment.realm}/account/{{lng}}`),
    parse(data: string) {
      const messages: KeyValue[] = JSON.parse(data);
      return Object.fromEntries(messages.map(({ key, value }) => [key, value]));
    },
  },
});

i18n.use(FetchBackend);
i18n.use(keycloakLanguageDetector);
i18n.use(initReactI18next);

// The stock console switches language on this event (the language selector of Personal info).
window.addEventListener("languageChanged", (event: Event) => {
  const { language } = (event as CustomEvent<{ language: string }>).detail;
  void i18n.changeLanguage(language);
});
