import "@patternfly/react-core/dist/styles/base.css";
import "@patternfly/patternfly/patternfly-addons.css";
import "@keycloak/keycloak-admin-ui/styles.css";

import { KeycloakProvider, routes as stockRoutes } from "@keycloak/keycloak-admin-ui";
import type { TFunction } from "i18next";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createHashRouter, Navigate, RouterProvider, useParams } from "react-router-dom";

import { environment } from "./environment";
import { i18n } from "./i18n";
import { LegacyAuthPage } from "./LegacyAuthPage";
import { Shell } from "./Shell";
import { UserKeysSection } from "./UserKeysSection";

await i18n.init();

type AppRouteObject = (typeof stockRoutes)[number];

const USER_PAGE = "/:realm/users/:id/:tab";

/** Keycloak's user page; on its Credentials tab, the user's API access keys follow the stock content. */
const userPage = (stock: AppRouteObject): AppRouteObject => {
  const WithKeys = () => {
    const { realm, id, tab } = useParams();
    return (
      <>
        {stock.element}
        {tab === "credentials" && realm && id && <UserKeysSection realm={realm} userId={id} />}
      </>
    );
  };
  return { ...stock, element: <WithKeys /> };
};

const legacyAuthRoutes: AppRouteObject[] = [
  {
    path: "/:realm/legacy-auth",
    element: <Navigate to="keys" replace />,
    handle: { access: "anyone" },
  },
  {
    path: "/:realm/legacy-auth/:tab",
    element: <LegacyAuthPage />,
    handle: { access: "anyone", breadcrumb: (t: TFunction) => t("legacyAuthTitle") },
  },
];

const router = createHashRouter([
  {
    path: "/",
    element: (
      <KeycloakProvider environment={environment}>
        <Shell />
      </KeycloakProvider>
    ),
    handle: { access: "anyone" },
    children: [
      ...legacyAuthRoutes,
      ...stockRoutes.map((route) => (route.path === USER_PAGE ? userPage(route) : route)),
    ],
  },
]);

createRoot(document.getElementById("app")!).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
