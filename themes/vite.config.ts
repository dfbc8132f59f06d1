import { consoleBuild } from "./vite.shared";

// The account console as Keycloak builds it, plus the API access keys page (theme legacy-auth, account).
export default consoleBuild("src/main.tsx", "target/vite", "public");
