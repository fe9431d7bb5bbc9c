import { isRouteErrorResponse, useRouteError } from "@remix-run/react";

/** A route's error boundary: tells a 404 from a 403 from an outage from a crash, with the server's message. */
export function RouteError({ titles = {} }: { titles?: Partial<Record<number, string>> }) {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const defaults: Record<number, string> = { 403: "Not allowed", 404: "Not found", 503: "Temporarily unavailable" };
  return (
    <div className="page--narrow error-page">
      <p className="error-page__code">{status}</p>
      <h1>{titles[status] ?? defaults[status] ?? "Something went wrong"}</h1>
      <p>{isRouteErrorResponse(error) && typeof error.data === "string" ? error.data : "Please try again."}</p>
    </div>
  );
}
