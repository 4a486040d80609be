/*
** jobs.h -- the most worker threads a run may have (-j): the engine caps its
** jobs here, so per-worker arrays of this length always fit.
*/
#ifndef WS_JOBS_H
#define WS_JOBS_H

#define MAX_JOBS 64

#endif
