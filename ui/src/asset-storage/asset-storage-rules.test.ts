import { describe, expect, it } from 'vitest';
import type { AssetStorageStatus } from '../bindings/AssetStorageStatus';
import { EMPTY_FORM, formFromStatus, type AssetStorageForm } from './asset-storage-form';
import {
  canEdit,
  canSave,
  canTest,
  canTurnOff,
  canUploadNow,
  formBlocker,
  missingFields,
  saveLabel,
  type FormRules,
} from './asset-storage-rules';

const uploads = { uploaded: 0, pending: 0, lastRunAt: 0 };
const off: AssetStorageStatus = { enabled: false, fromEnvironment: false, uploads };
const on: AssetStorageStatus = {
  enabled: true,
  fromEnvironment: false,
  provider: 'r2',
  bucket: 'art',
  region: 'auto',
  endpoint: 'https://acct.r2.cloudflarestorage.com',
  accessKey: 'AK1',
  prefix: 'koda/',
  uploads,
};
const env: AssetStorageStatus = { ...on, fromEnvironment: true };
const complete: AssetStorageForm = {
  ...EMPTY_FORM,
  provider: 's3',
  bucket: 'art',
  accessKey: 'AK1',
  secretKey: 'secret',
};
const rules = (change: Partial<FormRules> = {}): FormRules => ({
  status: off,
  form: complete,
  busy: null,
  ...change,
});

describe('asset storage buttons', () => {
  it('says which fields are still needed', () => {
    expect(missingFields(rules({ form: EMPTY_FORM }))).toEqual([
      'Bucket',
      'Access key ID',
      'Secret access key',
    ]);
    expect(missingFields(rules({ form: { ...EMPTY_FORM, provider: 'r2' } }))).toEqual([
      'Bucket',
      'Endpoint',
      'Access key ID',
      'Secret access key',
    ]);
    expect(missingFields(rules({ form: { ...complete, provider: 'supabase', endpoint: '  ' } }))).toEqual([
      'Endpoint',
    ]);
    expect(missingFields(rules())).toEqual([]);
    expect(formBlocker(rules({ form: { ...complete, bucket: ' ' } }))).toBe('Still needed: Bucket.');
    expect(canTest(rules({ form: EMPTY_FORM }))).toBe(false);
  });

  it('needs the secret only to turn storage on', () => {
    const saved = formFromStatus(on);
    expect(missingFields(rules({ status: on, form: saved }))).toEqual([]);
    expect(canTest(rules({ status: on, form: saved }))).toBe(true);
    expect(missingFields(rules({ status: off, form: { ...complete, secretKey: '' } }))).toEqual([
      'Secret access key',
    ]);
  });

  it('turns on while off, saves only changes while on', () => {
    expect(canSave(rules())).toBe(true);
    expect(saveLabel(off, null)).toBe('Turn on');
    expect(saveLabel(off, 'saving')).toBe('Turning on…');
    expect(saveLabel(on, null)).toBe('Save');
    expect(saveLabel(on, 'saving')).toBe('Saving…');
    const saved = formFromStatus(on);
    expect(canSave(rules({ status: on, form: saved }))).toBe(false);
    expect(canSave(rules({ status: on, form: { ...saved, prefix: 'studio/' } }))).toBe(true);
    expect(canSave(rules({ status: on, form: { ...saved, secretKey: 'rotated' } }))).toBe(true);
  });

  it('holds every button while something runs', () => {
    for (const busy of ['testing', 'saving', 'turning-off', 'uploading'] as const) {
      expect(canTest(rules({ busy }))).toBe(false);
      expect(canSave(rules({ busy }))).toBe(false);
      expect(canTurnOff(on, busy)).toBe(false);
      expect(canUploadNow(on, busy)).toBe(false);
    }
  });

  it('turns off and uploads only while on', () => {
    expect(canTurnOff(on, null)).toBe(true);
    expect(canTurnOff(off, null)).toBe(false);
    expect(canTurnOff(null, null)).toBe(false);
    expect(canUploadNow(on, null)).toBe(true);
    expect(canUploadNow(off, null)).toBe(false);
    expect(canUploadNow(null, null)).toBe(false);
  });

  it('changes nothing when environment variables set the bucket, but still uploads', () => {
    expect(canEdit(env)).toBe(false);
    expect(canEdit(on)).toBe(true);
    expect(canEdit(null)).toBe(false);
    expect(formBlocker(rules({ status: env }))).toBe('Environment variables set the bucket.');
    expect(canTest(rules({ status: env }))).toBe(false);
    expect(canSave(rules({ status: env }))).toBe(false);
    expect(canTurnOff(env, null)).toBe(false);
    expect(canUploadNow(env, null)).toBe(true);
    expect(formBlocker(rules({ status: null }))).toBe('Reading the asset storage settings…');
  });
});
