import { createInstance } from "i18next";
import FetchBackend from "i18next-fetch-backend";
import { initReactI18next } from "react-i18next";

import { joinPath } from "../environment";
import { environment } from "./environment";

type KeyValue = { key: string; value: string };

/**
 * The admin console's message bundles, loaded as the stock console loads them: Keycloak's own texts and
 * this theme's (theme/legacy-auth/admin/messages) in one list, for the realm the admin signed in to.
 */
export const i18n = createInstance({
  fallbackLng: "en",
  keySeparator: ".",
  nsSeparator: false,
  interpolation: { escapeValue: false },
  defaultNS: [environment.realm],
  ns: [environment.realm],
  // The console switches to the namespace of the realm being managed (its own overrides), whose admin theme
  // may be the stock one: the extension's texts then come from the realm the admin signed in to.
  fallbackNS: [environment.realm],
  backend: {
    loadPath: joinPath(environment.adminBaseUrl, "resources/{{ns}}/admin/{{lng}}"),
    parse(data: string) {
      const messages: KeyValue[] = JSON.parse(data);
      return Object.fromEntries(messages.map(({ key, value }) => [key, value]));
    },
  },
});

i18n.use(FetchBackend);
i18n.use(initReactI18next);
