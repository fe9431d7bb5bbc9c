import { RouteError } from "~/components/ui/route-error";
// Peer nodes (other MedNexus or Matchmaker Exchange nodes) and their tokens, for institution and platform admins.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormAlert, SelectField, TextField } from "~/components/ui/form";
import { addPeer, listPeersFor, updatePeerSettings } from "~/modules/cases/index.server";
import { DUO_CITATION, DUO_PERMISSION_CODES, DUO_PERMISSIONS } from "~/modules/consent/model";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formFailure, formObject, rethrowAsResponse } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Peer nodes · MedNexus" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const peers = await listPeersFor({ db: db() }, user).catch(rethrowAsResponse);
  return { peers, thisNode: new URL(request.url).origin };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const peerId = String(form.get("peerId") ?? "");
  try {
    if (intent === "add") {
      const { inboundToken } = await addPeer({ db: db() }, user, formObject(form));
      return { ok: "Peer added. Give its operator the token below; it is shown only now.", inboundToken };
    }
    if (intent === "outbound") {
      await updatePeerSettings({ db: db() }, user, peerId, { outboundToken: String(form.get("outboundToken") ?? "") });
      return { ok: "The token we send to this peer was saved." };
    }
    if (intent === "rotate") {
      const { inboundToken } = await updatePeerSettings({ db: db() }, user, peerId, { rotateInbound: true });
      return { ok: "A new token was issued; the old one stops working now.", inboundToken };
    }
    if (intent === "enable" || intent === "disable") {
      await updatePeerSettings({ db: db() }, user, peerId, { enabled: intent === "enable" });
      return { ok: intent === "enable" ? "Peer enabled." : "Peer disabled: it can no longer query us and we no longer query it." };
    }
    if (intent === "remove") {
      await updatePeerSettings({ db: db() }, user, peerId, { remove: true });
      return { ok: "Peer removed." };
    }
    return data({ formError: "Unknown action.", fieldErrors: {} }, { status: 400 });
  } catch (error) {
    return formFailure(error);
  }
}

export default function PeersPage() {
  const { peers, thisNode } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors: Record<string, string> = result && "fieldErrors" in result ? result.fieldErrors : {};
  return (
    <div className="stack">
      <header className="page-header">
        <h1>Peer nodes</h1>
        <p className="muted">
          Nodes this one exchanges case matches with (Matchmaker Exchange API v1). Peers call <code>{thisNode}/mme/match</code> with the
          token issued for them; only cases whose consent allows federation and the peer&apos;s purpose are ever sent.
        </p>
      </header>
      {result && "ok" in result ? (
        <div className="alert alert--success" role="status">
          {result.ok}
          {"inboundToken" in result && result.inboundToken ? (
            <p>
              Token for the peer to send us: <code data-testid="inbound-token">{result.inboundToken}</code>
            </p>
          ) : null}
        </div>
      ) : null}
      <FormAlert message={result && "formError" in result ? result.formError : null} />
      {peers.length ? (
        <table className="table" aria-label="Peers">
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">Country</th>
              <th scope="col">Purpose of its requests</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {peers.map((p) => (
              <tr key={p.id}>
                <td>
                  {p.name}
                  <br />
                  <small className="muted">
                    {p.baseUrl} · timeout {p.timeoutMs} ms
                  </small>
                </td>
                <td>{p.country}</td>
                <td>
                  {p.purpose}
                  {p.notForProfit ? " · not-for-profit" : ""}
                </td>
                <td>
                  {p.enabled ? "enabled" : "disabled"}
                  {p.hasOutboundToken ? "" : " · we cannot query it yet (no token)"}
                </td>
                <td>
                  <Form method="post" className="inline-actions">
                    <input type="hidden" name="peerId" value={p.id} />
                    <input className="input" name="outboundToken" aria-label={`Token ${p.name} gave us`} placeholder="Token it gave us" autoComplete="off" />
                    <button className="button button--small" name="intent" value="outbound">
                      Save token
                    </button>
                    <button className="button button--small button--ghost" name="intent" value="rotate">
                      New token for it
                    </button>
                    <button className="button button--small button--ghost" name="intent" value={p.enabled ? "disable" : "enable"}>
                      {p.enabled ? "Disable" : "Enable"}
                    </button>
                    <button className="button button--small button--ghost" name="intent" value="remove">
                      Remove
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No peer yet.</p>
      )}
      <Form method="post" className="card stack" noValidate>
        <h2>Add a peer</h2>
        <input type="hidden" name="intent" value="add" />
        <TextField label="Name" name="name" error={errors.name} />
        <TextField label="Base URL" name="baseUrl" hint="e.g. https://mme.example.org (we call <base>/mme/match)" error={errors.baseUrl} />
        <TextField label="Country" name="country" hint="Two-letter code; consent limited to countries applies to it." error={errors.country} />
        <SelectField
          label="Purpose of its requests"
          name="purpose"
          defaultValue="HMB"
          hint={`As agreed with its operator, from the ${DUO_CITATION}.`}
          options={DUO_PERMISSION_CODES.map((c) => ({ value: c, label: `${c}: ${DUO_PERMISSIONS[c].label}` }))}
        />
        <label className="checkbox">
          <input type="checkbox" name="notForProfit" defaultChecked />
          <span>Not-for-profit organisation</span>
        </label>
        <TextField label="Token it gave us" name="outboundToken" hint="Sent as X-Auth-Token when we query it. Optional now." autoComplete="off" />
        <TextField label="Timeout (ms)" name="timeoutMs" defaultValue="5000" inputMode="numeric" error={errors.timeoutMs} />
        <button type="submit" className="button" disabled={busy}>
          Add peer
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
