const f = () => { const inner = () => 1; function named() { return 2; } class K {} return inner() + named() + String(K); };
console.log(f.toString());
