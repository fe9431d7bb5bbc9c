import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useNonce } from "./components/nonce";
import appStyles from "./styles/app.css";
import { getUser } from "./utils/auth.server";
import { getPublicEnv } from "./utils/env.server";
import { can } from "./utils/permissions";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "MedNexus" },
  { name: "description", content: "Collaborative publishing and peer review for medicine, around one publication graph." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return {
    user: user ? { id: user.id, name: user.name, email: user.email, roles: user.roles } : null,
    env: getPublicEnv(),
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function useOptionalUser() {
  return useRouteLoaderData<typeof loader>("root")?.user ?? null;
}

function Header() {
  const user = useOptionalUser();
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="site-header__inner">
        <Link to={user ? "/dashboard" : "/"} className="brand" aria-label="MedNexus home">
          <span className="brand__mark" aria-hidden="true">
            ✚
          </span>
          MedNexus
        </Link>
        <nav aria-label="Main" className="site-nav">
          {user ? (
            <>
              <NavLink to="/dashboard">Dashboard</NavLink>
              {can(user, "manuscript:create") || can(user, "manuscript:read:any") ? <NavLink to="/manuscripts">Manuscripts</NavLink> : null}
              {can(user, "case:create") || can(user, "case:search") ? <NavLink to="/cases">Cases</NavLink> : null}
              <NavLink to="/articles">Articles</NavLink>
              {can(user, "manuscript:create") || can(user, "manuscript:read:any") ? <NavLink to="/publishing">Publishing</NavLink> : null}
              <NavLink to="/licences">My licences</NavLink>
              <NavLink to="/earnings">Earnings</NavLink>
              <NavLink to="/institutions">Institutions</NavLink>
              {user.roles.includes("institution_admin") || user.roles.includes("platform_admin") ? <NavLink to="/federation/peers">Peer nodes</NavLink> : null}
              <NavLink to="/wallets">Wallets</NavLink>
              {can(user, "admin:roles:grant") ? <NavLink to="/admin/users">People</NavLink> : null}
            </>
          ) : (
            <NavLink to="/articles">Articles</NavLink>
          )}
        </nav>
        <div className="site-header__account">
          {user ? (
            <>
              <NavLink to="/profile" className="account-link">
                {user.name}
              </NavLink>
              <Form method="post" action="/signout">
                <button type="submit" className="button button--ghost">
                  Sign out
                </button>
              </Form>
            </>
          ) : (
            <>
              <NavLink to="/signin">Sign in</NavLink>
              <Link to="/signup" className="button">
                Create account
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return (
    <>
      <Header />
      <main id="main" className="page">
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>MedNexus — open, verifiable medical publishing. Demo data only; never enter real patient information.</p>
      </footer>
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  let title = "Something went wrong";
  let message = "An unexpected error occurred. It has been logged; please try again.";
  let status = 500;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    if (error.status === 404) {
      title = "Page not found";
      message = "There is nothing at this address. Check the link, or go back to your dashboard.";
    } else if (error.status === 403) {
      title = "Not allowed";
      message = typeof error.data === "string" && error.data ? error.data : "You do not have permission to see this page.";
    } else {
      title = `${error.status} ${error.statusText}`;
      message = typeof error.data === "string" ? error.data : message;
    }
  }
  return (
    <>
      <Header />
      <main id="main" className="page page--narrow error-page">
      <p className="error-page__code">{status}</p>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Go to the home page</a> · <a href="/dashboard">Go to your dashboard</a>
      </p>
      </main>
    </>
  );
}
