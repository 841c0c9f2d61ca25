import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { useApp } from './app/app-store';
import { installLifecycle } from './app/lifecycle';
import { applyCachedTheme } from './app/theme';
import { selectProvider } from './storage/select-provider';
// React Flow's base styles first (ours refine them), though React Flow itself loads with the editor.
import '@xyflow/react/dist/base.css';
import './styles/tokens.css';
import './styles/base.css';
import './styles/components.css';
import './styles/dashboard.css';
import './styles/settings.css';
import './styles/editor.css';
import './styles/nodes.css';
import './styles/generation.css';
import './styles/versions.css';
import './styles/search.css';
import './styles/recovery.css';

applyCachedTheme();
const provider = selectProvider();
void useApp.getState().init(provider);
void installLifecycle(provider.isDesktop).catch((error) =>
  console.error('could not install close handler', error),
);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
