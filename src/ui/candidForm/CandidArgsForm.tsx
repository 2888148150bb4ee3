/**
 * The inputs of a list of Candid arguments (a method's, or a service's init arguments), each labelled by its
 * name in the service description or its position, and the problems left before the values make a message.
 * Controlled: the caller holds the form values (`defaultFormValue` of each type to start).
 */
import type { CandidArg } from '../../candid/parseDid.ts';
import type { NamedPrincipal } from '../calls/argSpec.ts';
import { CandidInput } from './CandidInput.tsx';
import type { FormValue } from './formValue.ts';

export interface CandidArgsFormProps {
  readonly args: readonly CandidArg[];
  readonly values: readonly FormValue[];
  /** What the arguments are for, at the start of every label: "greet", "init". */
  readonly owner: string;
  readonly principals: readonly NamedPrincipal[];
  readonly onChange: (values: FormValue[]) => void;
}

/** `greet › profile`, or `greet › argument 1` for an unnamed argument. */
export function argLabels(owner: string, args: readonly CandidArg[]): string[] {
  return args.map((arg, i) => `${owner} › ${arg.name ?? `argument ${i + 1}`}`);
}

export function CandidArgsForm({ args, values, owner, principals, onChange }: CandidArgsFormProps) {
  const labels = argLabels(owner, args);
  if (args.length === 0) return <p className="muted candid-none">no arguments</p>;
  return (
    <div className="candid-form">
      {args.map((arg, i) => (
        <CandidInput key={i} type={arg.type} value={values[i]} label={labels[i]} caption={arg.name ?? `argument ${i + 1}`} principals={principals}
          onChange={(next) => onChange(values.map((old, j) => (j === i ? next : old)))} />
      ))}
    </div>
  );
}
