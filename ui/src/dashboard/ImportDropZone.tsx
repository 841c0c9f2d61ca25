import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { Icon } from '../components/Icon';
import type { StorageProvider } from '../storage/types';
import { useImports } from '../transfer/import-store';

const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

/** Files dragged onto the dashboard are imported; an overlay says so while they hover. */
export function ImportDropZone({ provider, children }: { provider: StorageProvider; children: ReactNode }) {
  const [over, setOver] = useState(false);
  // dragenter/dragleave fire for every child crossed; count them.
  const depth = useRef(0);
  return (
    <div
      className="import-drop-zone"
      onDragEnter={(e) => {
        if (!hasFiles(e)) return;
        depth.current += 1;
        setOver(true);
      }}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(e) => {
        if (!hasFiles(e)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        depth.current = 0;
        setOver(false);
        void useImports.getState().run([...e.dataTransfer.files], provider);
      }}
    >
      {children}
      {over && (
        <div className="import-drop" data-testid="import-drop" aria-hidden="true">
          <div className="import-drop__card">
            <Icon name="upload" size={26} />
            <span className="import-drop__title">Drop to import</span>
            <span className="import-drop__text">
              {provider.isDesktop
                ? 'Koda web exports, .koda bundles, .canvas files and Koda web databases'
                : 'Koda canvas files (.json)'}
            </span>
          </div>
        </div>
      )}
    </div>
  );
}
