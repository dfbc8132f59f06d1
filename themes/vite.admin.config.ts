import { consoleBuild } from "./vite.shared";

// Keycloak's admin console as Keycloak builds it (from @keycloak/keycloak-admin-ui), with the extension's
// "Legacy API" pages (theme legacy-auth, admin).
export default consoleBuild("src/admin/main.tsx", "target/vite-admin", false);
