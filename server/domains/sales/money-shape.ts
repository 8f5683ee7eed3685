// An amount in its currency, as a currency field holds it and the API writes it (a decimal string, so
// no float rounds it): one definition, free of imports, for the server's and the web app's sales code.

export interface Money {
  amount: string;
  currency: string;
}
