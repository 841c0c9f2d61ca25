import { useEffect, useState } from 'react';
import { useApp } from '../app/app-store';
import type { Theme } from '../bindings/Theme';
import { SegmentedControl } from '../components/SegmentedControl';
import type { StorageInfo, StorageProvider } from '../storage/types';
import { UpdatesCard } from '../updates/UpdatesCard';
import { LogsFolderRow } from './LogsFolderRow';
import { Row, Section } from './SettingsLayout';

/** A text field that saves on blur or Enter. */
function TextField({
  id,
  value,
  placeholder,
  type = 'text',
  onCommit,
  testId,
}: {
  id: string;
  value: string;
  placeholder?: string;
  type?: string;
  onCommit: (v: string) => void;
  testId?: string;
}) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => draft.trim() !== value && onCommit(draft.trim());
  return (
    <input
      id={id}
      className="input input--wide"
      type={type}
      value={draft}
      placeholder={placeholder}
      data-testid={testId}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
}

/**
 * Settings → General: (desktop) this version and its updates, the theme, the name and email
 * shown, and (desktop) where the logs are.
 */
export function GeneralSection({ provider, info }: { provider: StorageProvider; info: StorageInfo | null }) {
  const settings = useApp((s) => s.settings);
  const profile = useApp((s) => s.profile);
  const updateSettings = useApp((s) => s.updateSettings);
  const updateProfile = useApp((s) => s.updateProfile);
  return (
    <>
      {provider.isDesktop && <UpdatesCard />}

      <Section title="Appearance" description="How Koda looks on this computer.">
        <Row label="Theme">
          <SegmentedControl<Theme>
            label="Theme"
            value={settings.theme}
            onChange={(theme) => updateSettings((s) => ({ ...s, theme }))}
            options={[
              { value: 'dark', label: 'Dark', icon: 'moon', testId: 'theme-dark' },
              { value: 'light', label: 'Light', icon: 'sun', testId: 'theme-light' },
              { value: 'system', label: 'System', icon: 'monitor', testId: 'theme-system' },
            ]}
          />
        </Row>
      </Section>

      <Section title="Profile" description="Shown on this computer only.">
        <Row label="Name" htmlFor="profile-name">
          <TextField
            id="profile-name"
            testId="profile-name"
            value={profile.name}
            placeholder="Your name"
            onCommit={(name) => name && updateProfile({ name })}
          />
        </Row>
        <Row label="Email" htmlFor="profile-email">
          <TextField
            id="profile-email"
            testId="profile-email"
            type="email"
            value={profile.email ?? ''}
            placeholder="you@studio.com"
            onCommit={(email) => updateProfile({ email: email || undefined })}
          />
        </Row>
      </Section>

      {provider.openLogsFolder && (
        <Section
          title="Troubleshooting"
          description="When something goes wrong, Koda’s logs say what happened: attach them when you report it."
        >
          <LogsFolderRow provider={provider} info={info} />
        </Section>
      )}
    </>
  );
}
