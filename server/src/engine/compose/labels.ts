/**
 * A service's `labels`, in both forms compose accepts: a list of `key=value`
 * strings and a map (`<<` merges and aliases resolved), each label with the
 * spans of its name, its value and the whole (keyValues.ts). Compose gives a
 * label written without a value (`- key`, `key:`) the empty string
 * (compose-go's Labels.DecodeMapstructure). The only reader of `labels`.
 */
import { readKeyValues, type KeyValue } from "./keyValues.js";
import { serviceModelFact, type ComposeModel, type Service } from "./model.js";

export type Label = KeyValue;

/** The service's labels, in order, merged ones after the map's own (computed once per parse: treat as read-only). */
export function serviceLabels(model: ComposeModel, service: Service): readonly Label[] {
  return serviceModelFact(model, service, readLabels);
}

function readLabels(model: ComposeModel, service: Service): Label[] {
  return readKeyValues(model.text, service.get("labels"), service.document);
}

/** The label compose keeps for a name: the last one written with it (a list may repeat a name; a map cannot). */
export function serviceLabel(model: ComposeModel, service: Service, name: string): Label | undefined {
  const labels = serviceLabels(model, service);
  for (let i = labels.length - 1; i >= 0; i--) if (labels[i].name === name) return labels[i];
  return undefined;
}

/** A label's value as compose reads it: defaults applied, the empty string when none is written. */
export function labelValue(label: Label): string {
  return label.resolved ?? "";
}
