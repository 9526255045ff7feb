/** A promise the test opens when it chooses: holds a fake background's answer while the UI is mid-request. */
export function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}
