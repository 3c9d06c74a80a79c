import { render } from 'preact';

render(<h1>cpor-guard</h1>, document.getElementById('app')!);
