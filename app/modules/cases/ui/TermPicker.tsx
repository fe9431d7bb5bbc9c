// HPO term picker: type to search labels and synonyms, add a term as observed or excluded. React only (no Remix),
// shared by case entry and case search.
import { useEffect, useId, useState } from "react";
import type { DraftFeature } from "../model";

interface Hit {
  id: string;
  name: string;
  matched: string;
}

export function TermPicker({ value, onChange, attribution }: { value: DraftFeature[]; onChange: (next: DraftFeature[]) => void; attribution: string }) {
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<Hit[]>([]);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  useEffect(() => {
    if (query.trim().length < 2) {
      setHits([]);
      return;
    }
    const controller = new AbortController();
    fetch(`/cases/hpo-terms?q=${encodeURIComponent(query)}`, { signal: controller.signal })
      .then((r) => (r.ok ? (r.json() as Promise<{ hits: Hit[] }>) : Promise.reject(new Error(`search failed (${r.status})`))))
      .then((data) => {
        setHits(data.hits);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!(e instanceof DOMException && e.name === "AbortError")) setError(e instanceof Error ? e.message : String(e));
      });
    return () => controller.abort();
  }, [query]);

  const add = (hit: Hit, observed: boolean) => {
    if (!value.some((f) => f.id === hit.id)) onChange([...value, { id: hit.id, label: hit.name, observed }]);
    setQuery("");
    setHits([]);
  };

  return (
    <fieldset className="field fieldset">
      <legend className="field__label">Phenotypes</legend>
      <p className="field__hint">
        Terms from the {attribution}. Mark a term <em>excluded</em> when it was looked for and is absent: excluded terms
        count as evidence against a match, never for it.
      </p>
      <label htmlFor={inputId} className="field__label">
        Find an HPO term
      </label>
      <input id={inputId} className="input" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="e.g. seizures, HP:0001250" autoComplete="off" />
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      {hits.length > 0 ? (
        <ul className="stack" aria-label="HPO term suggestions">
          {hits.map((h) => (
            <li key={h.id} className="inline-actions">
              <span>
                {h.name} <small className="muted">{h.id}{h.matched !== h.name && h.matched !== h.id ? ` · “${h.matched}”` : ""}</small>
              </span>
              <button type="button" className="button button--small" onClick={() => add(h, true)} aria-label={`Add ${h.name} as observed`}>
                Observed
              </button>
              <button type="button" className="button button--small button--ghost" onClick={() => add(h, false)} aria-label={`Add ${h.name} as excluded`}>
                Excluded
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {value.length > 0 ? (
        <table className="table" aria-label="Chosen phenotypes">
          <thead>
            <tr>
              <th scope="col">Term</th>
              <th scope="col">Status</th>
              <th scope="col">
                Actions
              </th>
            </tr>
          </thead>
          <tbody>
            {value.map((f, i) => (
              <tr key={f.id}>
                <td>
                  {f.label ?? f.id} <small className="muted">{f.id}</small>
                </td>
                <td>
                  <select
                    className="input"
                    aria-label={`Status of ${f.label ?? f.id}`}
                    value={f.observed ? "yes" : "no"}
                    onChange={(e) => onChange(value.map((g, j) => (j === i ? { ...g, observed: e.target.value === "yes" } : g)))}
                  >
                    <option value="yes">Observed</option>
                    <option value="no">Excluded</option>
                  </select>
                </td>
                <td>
                  <button type="button" className="button button--small button--ghost" onClick={() => onChange(value.filter((_, j) => j !== i))} aria-label={`Remove ${f.label ?? f.id}`}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No phenotype yet.</p>
      )}
    </fieldset>
  );
}
