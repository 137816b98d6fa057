/** Cold start, script 2 of 4: the moment just before the Salesforce bundle starts executing. */
(window as unknown as { coldStart: { t0: number } }).coldStart = { t0: performance.now() };
