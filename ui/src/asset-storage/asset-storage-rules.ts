import type { AssetStorageStatus } from '../bindings/AssetStorageStatus';
import { formChanged, providerInfo, type AssetStorageForm } from './asset-storage-form';

/** What the section is doing right now; one thing at a time. */
export type Busy = 'testing' | 'saving' | 'turning-off' | 'uploading' | null;

export interface FormRules {
  status: AssetStorageStatus | null;
  form: AssetStorageForm;
  busy: Busy;
}

/** Whether Settings may change the bucket at all (known, and not set by environment variables). */
export function canEdit(status: AssetStorageStatus | null): boolean {
  return status !== null && !status.fromEnvironment;
}

/** The saved secret is kept when the field is left empty, so it is only needed to turn storage on. */
export function secretRequired(status: AssetStorageStatus | null): boolean {
  return !status?.enabled;
}

/** The fields still empty that the bucket needs, by their labels, in form order. */
export function missingFields(rules: Pick<FormRules, 'status' | 'form'>): string[] {
  const { form, status } = rules;
  const missing: string[] = [];
  if (!form.bucket.trim()) missing.push('Bucket');
  if (providerInfo(form.provider).needsEndpoint && !form.endpoint.trim()) missing.push('Endpoint');
  if (!form.accessKey.trim()) missing.push('Access key ID');
  if (secretRequired(status) && !form.secretKey.trim()) missing.push('Secret access key');
  return missing;
}

/** Why Test connection and Save are disabled (null when they may run). */
export function formBlocker(rules: FormRules): string | null {
  if (!rules.status) return 'Reading the asset storage settings…';
  if (rules.status.fromEnvironment) return 'Environment variables set the bucket.';
  const missing = missingFields(rules);
  if (missing.length > 0) return `Still needed: ${missing.join(', ')}.`;
  return null;
}

export function canTest(rules: FormRules): boolean {
  return rules.busy === null && formBlocker(rules) === null;
}

/** Save ("Turn on" while off): the form is complete and, when on, differs from what is saved. */
export function canSave(rules: FormRules): boolean {
  return canTest(rules) && formChanged(rules.form, rules.status);
}

export function saveLabel(status: AssetStorageStatus | null, busy: Busy): string {
  if (busy === 'saving') return status?.enabled ? 'Saving…' : 'Turning on…';
  return status?.enabled ? 'Save' : 'Turn on';
}

/** Turn off: on, chosen in Settings, nothing else running. */
export function canTurnOff(status: AssetStorageStatus | null, busy: Busy): boolean {
  return canEdit(status) && status?.enabled === true && busy === null;
}

/** Upload now: on (also when set by the environment), nothing else running. */
export function canUploadNow(status: AssetStorageStatus | null, busy: Busy): boolean {
  return status?.enabled === true && busy === null;
}
