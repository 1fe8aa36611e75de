-- A sale given back to the shelf: the paid order was cancelled before it was fulfilled.
ALTER TYPE "ReservationStatus" ADD VALUE 'RETURNED';
