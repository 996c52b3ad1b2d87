"""What leaves the gateway: replies through the relay or into the outbox folder, tickets handed
to the agents (webhook, forwarding). Imports store, rules, config."""
