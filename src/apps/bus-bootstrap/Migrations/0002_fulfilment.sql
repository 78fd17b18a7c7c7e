-- orders-worker's record of the orders it processed (schema "fulfilment", declared by orders-worker).
CREATE TABLE fulfilment.processed_orders (
    order_id     uuid PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);
