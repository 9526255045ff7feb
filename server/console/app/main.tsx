import { createRoot } from 'react-dom/client';
import { ConsoleApp } from './App';
import { initialLocale } from './stores/locale-store';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <ConsoleApp locale={initialLocale(window.localStorage, navigator.language)} storage={window.localStorage} />,
  );
}
