/**
 * Init arguments typed by the code's Candid interface, inside an argument field: the form's values stay here, and
 * the field is told the Candid text they make (or '' while something is to fix), as an argument of kind `typed`.
 */
import { useEffect, useState } from 'react';
import type { CandidArg } from '../../candid/parseDid.ts';
import type { NamedPrincipal } from '../calls/argSpec.ts';
import { CandidArgsForm, argLabels } from './CandidArgsForm.tsx';
import { defaultFormValue, type FormValue } from './formValue.ts';
import { formArgsText } from './formToCandid.ts';

export interface TypedArgInputProps {
  readonly args: readonly CandidArg[];
  readonly owner: string;
  readonly principals: readonly NamedPrincipal[];
  readonly onText: (text: string) => void;
}

export function TypedArgInput({ args, owner, principals, onText }: TypedArgInputProps) {
  const [forms, setForms] = useState<FormValue[]>(() => args.map((a) => defaultFormValue(a.type)));
  useEffect(() => {
    const text = formArgsText(args.map((a) => a.type), forms, argLabels(owner, args));
    onText(text.ok ? text.value : '');
  }, [args, forms, owner, onText]);
  return <CandidArgsForm args={args} values={forms} owner={owner} principals={principals} onChange={setForms} />;
}
